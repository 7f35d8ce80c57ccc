from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("julianaschool.people_urls")),
    path("protocol/", include("policy.pdf_urls")),
    path("protocol/", include("policy.urls")),
    path("toestemming/", include("consent.urls")),
    path("incidenten/", include("incidents.urls")),
    path("api/", include("consent.api_urls")),
    path("beheer/", admin.site.urls),
]
