from django.urls import path

from . import edex_views
from . import people_views as views

app_name = "people"

urlpatterns = [
    path("leerlingen/", views.pupil_list, name="pupils"),
    path("leerlingen/<int:pk>/", views.pupil_detail, name="pupil"),
    path("leerlingen/<int:pk>/uitschrijven/", views.pupil_leave, name="pupil_leave"),
    path("leerlingen/<int:pk>/uitschrijven/terugdraaien/", views.pupil_leave_undo, name="pupil_leave_undo"),
    path("leerlingen/import/", views.import_upload, name="import"),
    path("leerlingen/import/opslaan/", views.import_confirm, name="import_confirm"),
    path("leerlingen/import/voorbeeld.csv", views.import_sample, name="import_sample"),
    path("leerlingen/edex/", edex_views.edex_upload, name="edex"),
    path("leerlingen/edex/schooljaar/", edex_views.edex_create_school_year, name="edex_school_year"),
    path("leerlingen/edex/opslaan/", edex_views.edex_confirm, name="edex_confirm"),
    path("ouders/<int:pk>/uitnodigen/", views.guardian_invite, name="guardian_invite"),
    path("koppelcode/", views.redeem, name="redeem"),
    path("audit/", views.audit_log, name="audit"),
]
