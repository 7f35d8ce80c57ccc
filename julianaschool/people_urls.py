from django.urls import path

from . import edex_views, family_views, group_views, staff_views
from . import people_views as views

app_name = "people"

urlpatterns = [
    path("leerlingen/", views.pupil_list, name="pupils"),
    path("leerlingen/<int:pk>/", views.pupil_detail, name="pupil"),
    path("leerlingen/nieuw/", views.pupil_add, name="pupil_add"),
    path("leerlingen/<int:pk>/wijzigen/", views.pupil_edit, name="pupil_edit"),
    path("leerlingen/<int:pk>/verplaatsen/", views.pupil_move, name="pupil_move"),
    path("leerlingen/<int:pk>/uitschrijven/", views.pupil_leave, name="pupil_leave"),
    path("leerlingen/<int:pk>/uitschrijven/terugdraaien/", views.pupil_leave_undo, name="pupil_leave_undo"),
    path("leerlingen/import/", views.import_upload, name="import"),
    path("leerlingen/import/opslaan/", views.import_confirm, name="import_confirm"),
    path("leerlingen/import/voorbeeld.csv", views.import_sample, name="import_sample"),
    path("leerlingen/edex/", edex_views.edex_upload, name="edex"),
    path("leerlingen/edex/schooljaar/", edex_views.edex_create_school_year, name="edex_school_year"),
    path("leerlingen/edex/opslaan/", edex_views.edex_confirm, name="edex_confirm"),
    path("ouders/<int:pk>/uitnodigen/", views.guardian_invite, name="guardian_invite"),
    path("ouders/", family_views.guardian_list, name="guardians"),
    path("ouders/uitnodigen/", family_views.guardians_invite, name="guardians_invite"),
    path("ouders/<int:pk>/", family_views.guardian_edit, name="guardian_edit"),
    path("leerlingen/<int:pk>/ouder-toevoegen/", family_views.guardian_add, name="guardian_add"),
    path("leerlingen/<int:pk>/ouder-ontkoppelen/", family_views.guardian_remove, name="guardian_remove"),
    path("koppelcode/", views.redeem, name="redeem"),
    path("medewerkers/", staff_views.staff_list, name="staff"),
    path("medewerkers/nieuw/", staff_views.staff_add, name="staff_add"),
    path("medewerkers/<int:pk>/", staff_views.staff_detail, name="staff_member"),
    path("medewerkers/<int:pk>/uit-dienst/", staff_views.staff_end, name="staff_end"),
    path("medewerkers/<int:pk>/uitnodigen/", staff_views.staff_invite, name="staff_invite"),
    path("bestuur/", staff_views.board_list, name="board"),
    path("bestuur/nieuw/", staff_views.board_add, name="board_add"),
    path("bestuur/<int:pk>/", staff_views.board_detail, name="board_member"),
    path("bestuur/<int:pk>/aftreden/", staff_views.board_end, name="board_end"),
    path("bestuur/<int:pk>/uitnodigen/", staff_views.board_invite, name="board_invite"),
    path("groepen/", group_views.group_list, name="groups"),
    path("groepen/<int:pk>/", group_views.group_detail, name="group"),
    path("groepen/<int:pk>/leerkracht/", group_views.group_assign, name="group_assign"),
    path("groepen/<int:pk>/leerkracht/weg/", group_views.group_unassign, name="group_unassign"),
    path("groepen/<int:pk>/opheffen/", group_views.group_end, name="group_end"),
    path("welkom/<uidb64>/<token>/", staff_views.welcome, name="welcome"),
    path("audit/", views.audit_log, name="audit"),
]
