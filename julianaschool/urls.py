from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views
from .forms import PortalPasswordResetForm

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
    # Public, so that a visitor can switch language on the login page and the public protocol.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Django's own password reset, with its mail sent through julianaschool.mail (urgent).
    path("accounts/password_reset/", login_not_required(auth_views.PasswordResetView.as_view(
        form_class=PortalPasswordResetForm)), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("julianaschool.people_urls")),
    path("", include("julianaschool.office_urls")),
    path("protocol/", include("policy.signed_pdf.urls")),
    path("protocol/", include("policy.urls")),
    path("toestemming/publicaties/", include("consent.publications.urls")),
    path("toestemming/", include("consent.urls")),
    path("incidenten/", include("incidents.urls")),
    path("api/", include("consent.api_urls")),
    path("beveiliging/", include("julianaschool.security.urls")),
    path("beheer/", admin.site.urls),
]
