"""Staff confirm reading the version in force; directie sees who did and reminds who did not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from julianaschool.access import is_staff_member, role_required
from julianaschool.errors import Refused, show_refusal
from julianaschool.models import Role

from .. import acknowledgements, services
from ..access import version_for
from ..diff import changed_only
from ..diff import compare as compare_versions
from ..models import ProtocolVersion, VersionStatus
from ..rendering import section_tree
from ._common import _with_sections


@role_required(Role.MANAGEMENT)
def acknowledgement_list(request, pk):
    """Per version: which staff members confirmed reading it (and when), and who did not."""
    version = version_for(request.user, pk)
    if not version.is_published:
        raise PermissionDenied
    rows = acknowledgements.status_per_staff(version)
    return render(request, "policy/acknowledgement_list.html", {
        "version": version, "rows": rows, "missing": sum(1 for r in rows if r["acknowledgement"] is None),
        "baseline": acknowledgements.baseline(version),
    })


@require_POST
@role_required(Role.MANAGEMENT)
def acknowledgement_remind(request, pk):
    version = version_for(request.user, pk)
    try:
        sent = services.send_acknowledgement_reminders(actor=request.user, version=version)
    except Refused as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Herinnering verstuurd aan %(count)s medewerker(s).") % {"count": len(sent)})
    return redirect("policy:acknowledgements", pk=version.pk)


def acknowledge(request):
    """A staff member reads what changed since the version they last confirmed, and confirms."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    pending = acknowledgements.pending_for(request.user)
    if request.method == "POST":
        # A tampered form (no number) is a missing version, not a server error.
        version_id = request.POST.get("version", "")
        version = get_object_or_404(ProtocolVersion, pk=version_id if version_id.isdigit() else None,
                                    status=VersionStatus.PUBLISHED)
        try:
            services.acknowledge(user=request.user, version=version)
        except Refused as error:
            show_refusal(request, error)
            return redirect("policy:acknowledge")
        messages.success(request, _("Bedankt: u hebt bevestigd dat u versie %(number)s gelezen hebt.") % {"number": version.number})
        return redirect("dashboard")
    context = {"pending": pending, "last": acknowledgements.last_acknowledged(request.user), "changes": [], "tree": []}
    if pending:
        version = _with_sections(ProtocolVersion.objects.filter(pk=pending["version"].pk)).get()
        context["version"] = version
        if pending["since"] is not None:
            since = _with_sections(ProtocolVersion.objects.filter(pk=pending["since"].pk)).get()
            context["changes"] = changed_only(compare_versions(since, version))
        # First what changed (rule by rule), then the new text in full.
        context["tree"] = section_tree(version)
    return render(request, "policy/acknowledge.html", context)
