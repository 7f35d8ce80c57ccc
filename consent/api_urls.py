from django.urls import path

from . import api

app_name = "consent_api"

urlpatterns = [
    path("openapi.json", api.openapi, name="openapi"),
    path("v1/channels", api.channels, name="channels"),
    path("v1/consent/group", api.group_consent, name="group"),
    path("v1/consent/pupils", api.pupils_consent, name="pupils"),
]
