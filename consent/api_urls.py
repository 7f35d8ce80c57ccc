from django.urls import path

from . import api
from .publications import api as publications_api

app_name = "consent_api"

urlpatterns = [
    path("openapi.json", api.openapi, name="openapi"),
    path("v1/channels", api.channels, name="channels"),
    path("v1/consent/group", api.group_consent, name="group"),
    path("v1/consent/pupils", api.pupils_consent, name="pupils"),
    path("v1/publications", publications_api.register, name="publication_register"),
    path("v1/takedowns", publications_api.open_takedowns, name="takedowns"),
    path("v1/takedowns/<int:pk>/done", publications_api.takedown_done, name="takedown_done"),
]
