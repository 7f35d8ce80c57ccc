"""The office's EDEX import: upload, a preview of every change with a tick per line, save."""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import access, edex, edex_services
from .errors import show_refusal
from .models import Role

SESSION_KEY = "pending_edex"


class EdexUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("EDEX-bestand (EDEXML)"),
                           help_text=gettext_lazy("De export uit ParnasSys, ESIS of een ander administratiesysteem (.xml)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > edex.MAX_BYTES:
            raise ValidationError(_("Het bestand is groter dan %(mb)d MB; een EDEX-bestand van een school is veel kleiner.")
                                  % {"mb": edex.MAX_BYTES // (1024 * 1024)})
        return upload.read()


def _preview(request, data: bytes, form):
    result = edex.read(data)
    if isinstance(result, list):
        request.session.pop(SESSION_KEY, None)
        return render(request, "julianaschool/edex_import.html", {"form": form, "refused": result})
    request.session[SESSION_KEY] = base64.b64encode(data).decode()
    return render(request, "julianaschool/edex_import.html", {"form": form, "plan": result})


def _pending(request) -> bytes | None:
    encoded = request.session.get(SESSION_KEY)
    return base64.b64decode(encoded) if isinstance(encoded, str) else None


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def edex_upload(request):
    """Upload an EDEX file; the same page then shows what saving it would change."""
    form = EdexUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _preview(request, form.cleaned_data["file"], EdexUploadForm())
    return render(request, "julianaschool/edex_import.html", {"form": form})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def edex_create_school_year(request):
    """The file names a school year the portal does not know: create it, then show the preview again."""
    data = _pending(request)
    if data is None:
        messages.error(request, _("Er staat geen EDEX-bestand klaar. Upload het bestand opnieuw."))
        return redirect("people:edex")
    result = edex.read(data)
    if isinstance(result, list) or not result.missing_school_year:
        return redirect("people:edex")
    try:
        edex_services.create_school_year(name=result.missing_school_year, actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("people:edex")
    messages.success(request, _("Schooljaar %(year)s is aangemaakt.") % {"year": result.missing_school_year})
    return _preview(request, data, EdexUploadForm())


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def edex_confirm(request):
    """Save the ticked lines of the previewed file, all or nothing."""
    data = _pending(request)
    request.session.pop(SESSION_KEY, None)
    if data is None:
        messages.error(request, _("Er staat geen EDEX-bestand klaar. Upload het bestand opnieuw."))
        return redirect("people:edex")
    result = edex.read(data)
    if isinstance(result, list) or result.file.sha256 != request.POST.get("sha256"):
        messages.error(request, _("Het bestand is veranderd sinds de controle. Upload het opnieuw."))
        return redirect("people:edex")
    try:
        counts = edex_services.apply_edex(plan=result, selected=set(request.POST.getlist("regel")), actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("people:edex")
    if not counts:
        messages.info(request, _("Er is niets veranderd."))
        return redirect("people:pupils")
    summary = ", ".join(f"{value} {_(key)}" for key, value in counts.items() if value)
    messages.success(request, _("EDEX-import opgeslagen: %(summary)s.") % {"summary": summary or _("geen wijzigingen")})
    invite = edex_services.teachers_to_invite(plan=result)
    if invite:
        messages.info(request, _("Nog uit te nodigen: %(names)s.") % {"names": ", ".join(s.full_name for s in invite)})
    return redirect("people:pupils")
