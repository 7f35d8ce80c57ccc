from django.urls import path

from . import people_views as views

app_name = "people"

urlpatterns = [
    path("leerlingen/", views.pupil_list, name="pupils"),
    path("leerlingen/<int:pk>/", views.pupil_detail, name="pupil"),
    path("leerlingen/<int:pk>/uitschrijven/", views.pupil_leave, name="pupil_leave"),
    path("leerlingen/<int:pk>/uitschrijven/terugdraaien/", views.pupil_leave_undo, name="pupil_leave_undo"),
    path("leerlingen/import/", views.import_upload, name="import"),
    path("leerlingen/import/opslaan/", views.import_confirm, name="import_confirm"),
    path("ouders/<int:pk>/uitnodigen/", views.guardian_invite, name="guardian_invite"),
    path("koppelcode/", views.redeem, name="redeem"),
    path("audit/", views.audit_log, name="audit"),
]
