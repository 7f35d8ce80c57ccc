from django.urls import path

from . import api

app_name = "consent_api"

urlpatterns = [
    path("openapi.json", api.openapi, name="openapi"),
    path("v1/channels", api.channels, name="channels"),
    path("v1/consent", api.consent, name="consent"),
]
