from django.urls import path

from . import people_views as views

app_name = "people"

urlpatterns = [
    path("leerlingen/", views.pupil_list, name="pupils"),
    path("koppelcode/", views.redeem, name="redeem"),
    path("audit/", views.audit_log, name="audit"),
]
