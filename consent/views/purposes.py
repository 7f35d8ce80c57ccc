"""Directie's settings: the purposes asked (create, edit, retire) and the integration tokens."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from julianaschool import access as people_access
from julianaschool.errors import show_refusal
from julianaschool.models import Role

from .. import services
from ..forms import PurposeForm, TokenForm
from ..models import IntegrationToken, Purpose


@people_access.role_required(Role.MANAGEMENT)
def purposes(request):
    items = Purpose.objects.select_related("current_version").order_by("retired_at", "position", "name")
    return render(request, "consent/purposes.html", {"purposes": items})


@people_access.role_required(Role.MANAGEMENT)
def purpose_create(request):
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_purpose(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Het doel is toegevoegd. Ouders en medewerkers krijgen de vraag op hun formulier."))
        return redirect("consent:purposes")
    return render(request, "consent/purpose_form.html", {"form": form})


@people_access.role_required(Role.MANAGEMENT)
def purpose_edit(request, pk):
    purpose = get_object_or_404(Purpose.objects.select_related("current_version"), pk=pk)
    version = purpose.current_version
    initial = {"name": purpose.name, "name_en": purpose.name_en,
               "explanation": version.explanation if version else "",
               "explanation_en": version.explanation_en if version else "",
               "staff_explanation": version.staff_explanation if version else "",
               "staff_explanation_en": version.staff_explanation_en if version else "",
               "covers_photo": purpose.covers_photo, "covers_film": purpose.covers_film,
               "covers_sound": purpose.covers_sound, "is_public": purpose.is_public, "position": purpose.position}
    form = PurposeForm(request.POST or None, initial=initial, purpose=purpose)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_purpose(purpose=purpose, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("Het doel is gewijzigd."))
            return redirect("consent:purposes")
    versions = purpose.versions.order_by("-number")
    return render(request, "consent/purpose_form.html", {"form": form, "purpose": purpose, "versions": versions})


@require_POST
@people_access.role_required(Role.MANAGEMENT)
def purpose_retire(request, pk):
    purpose = get_object_or_404(Purpose, pk=pk)
    services.retire_purpose(purpose=purpose, actor=request.user)
    messages.success(request, _("%(name)s wordt niet meer gevraagd. De antwoorden blijven bewaard.") % {"name": purpose.local_name})
    return redirect("consent:purposes")


@people_access.role_required(Role.MANAGEMENT)
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.create_integration_token(
            name=form.cleaned_data["name"], purposes=form.cleaned_data["purposes"], actor=request.user,
            scopes=form.cleaned_data["scopes"])
        form = TokenForm()
    items = IntegrationToken.objects.prefetch_related("purposes").order_by("revoked_at", "-created_at")
    return render(request, "consent/tokens.html", {"form": form, "tokens": items, "new_token": new_token})


@require_POST
@people_access.role_required(Role.MANAGEMENT)
def token_revoke(request, pk):
    token = get_object_or_404(IntegrationToken, pk=pk)
    services.revoke_integration_token(token=token, actor=request.user)
    messages.success(request, _("De koppeling %(name)s is ingetrokken en werkt niet meer.") % {"name": token.name})
    return redirect("consent:tokens")
