"""The protocol read: the version in force, the list of versions, one version, the compare (public)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from julianaschool.access import is_directie, is_staff_member

from .. import services
from ..access import can_edit_protocol, can_see_drafts, is_board, version_for, visible_versions
from ..diff import changed_only
from ..diff import compare as compare_versions
from ..forms import CompareForm, MrDecisionForm, PublishForm, ReviewForm, StartDraftForm, StepForm
from ..models import ProtocolVersion
from ..rendering import section_tree
from ._common import _with_sections


@login_not_required
def current(request):
    """The version in force, for everyone: metadata block, table of contents, the text."""
    in_force = ProtocolVersion.objects.in_force()
    version = _with_sections(ProtocolVersion.objects.filter(pk=in_force.pk)).first() if in_force else None
    tree = section_tree(version) if version else []
    scheduled = ProtocolVersion.objects.scheduled().first() if can_see_drafts(request.user) else None
    return render(request, "policy/current.html", {
        "version": version, "tree": tree, "scheduled": scheduled,
        "published": _published_list(), "is_staff": is_staff_member(request.user),
    })


def _published_list() -> list[ProtocolVersion]:
    """Every published version, the one in force first, then the others newest first."""
    versions = list(ProtocolVersion.objects.published().order_by("-major", "-minor"))
    versions.sort(key=lambda v: not v.is_in_force)
    return versions


@login_not_required
def version_list(request):
    """Published versions with their periods; staff and board also see versions in progress."""
    versions = list(visible_versions(request.user).order_by("-major", "-minor"))
    # The version in force first: the one a visitor most likely came for.
    versions.sort(key=lambda v: not v.is_in_force)
    return render(request, "policy/version_list.html", {
        "versions": versions, "can_start": can_edit_protocol(request.user),
        "start_form": StartDraftForm(), "sees_drafts": can_see_drafts(request.user),
    })


@login_not_required
def version_detail(request, pk):
    """One version: its metadata, history, the steps this user may take, and its text."""
    version = version_for(request.user, pk)
    version = _with_sections(ProtocolVersion.objects.filter(pk=version.pk)).prefetch_related("steps").get()
    user = request.user
    context = {
        "version": version,
        "tree": section_tree(version),
        "steps": list(version.steps.all()),
        # A step's reason is internal; visitors see who decided what and when, and any public note.
        "sees_internal_notes": can_see_drafts(user),
        "is_directie": is_directie(user),
        "is_board": is_board(user),
        "step_form": StepForm(), "return_form": StepForm(auto_id="id_return_%s"),  # two forms, one page: ids of their own
        "publish_form": PublishForm(),
        "review_form": ReviewForm(),
        "mr_form": MrDecisionForm(),
        "mr_decisions": list(version.mr_decisions.select_related("recorded_by")) if can_see_drafts(user) else [],
        "parents_informed": services.parents_informed(version) if is_directie(user) else False,
        "reviews": list(version.reviews.select_related("recorded_by", "confirmed_by")) if can_see_drafts(user) else [],
        # The review reminder is for the school and the board, not for visitors.
        "review_status": version.review_status() if can_see_drafts(user) else None,
    }
    return render(request, "policy/version_detail.html", context)


@login_not_required
def compare(request):
    """Two versions section by section; by default the version in force against its predecessor."""
    versions = visible_versions(request.user).order_by("-major", "-minor")
    form = CompareForm(request.GET or None, versions=versions)
    old = new = None
    if request.GET and form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
    elif not request.GET:
        new = ProtocolVersion.objects.in_force()
        old = new.based_on if new is not None and new.based_on_id else None
        if old is not None:
            form = CompareForm(initial={"old": old.pk, "new": new.pk}, versions=versions)
    diffs = []
    if old is not None and new is not None:
        old = _with_sections(ProtocolVersion.objects.filter(pk=old.pk)).get()
        new = _with_sections(ProtocolVersion.objects.filter(pk=new.pk)).get()
        diffs = compare_versions(old, new)
    return render(request, "policy/compare.html", {
        "form": form, "old": old, "new": new, "diffs": diffs, "changed": changed_only(diffs),
    })
