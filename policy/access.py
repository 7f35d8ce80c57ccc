"""Who may see and change protocol versions, built on julianaschool.access.

Published versions (in force or superseded) are public: the school website links to them.
Versions on their way to publication are for the school's staff and the board only; everyone
else gets a 404, so a draft's existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from julianaschool.access import has_role, is_directie, is_staff_member
from julianaschool.models import Role

from .models import ProtocolVersion, Review, Section, SignedCopy, VersionStatus


def can_see_drafts(user) -> bool:
    """Staff and the board read drafts; the board must, to approve them."""
    return is_staff_member(user) or has_role(user, Role.BOARD)


def is_board(user) -> bool:
    return has_role(user, Role.BOARD)


def can_edit_protocol(user) -> bool:
    """Drafting, adopting and publishing are the directie's work."""
    return is_directie(user)


def visible_versions(user):
    """The versions this user may read: published ones (once their date came) for everyone;
    drafts, approved and scheduled versions for staff and board."""
    versions = ProtocolVersion.objects.all()
    if can_see_drafts(user):
        return versions
    # Published and started: a version published "per" a later date stays internal until then.
    return ProtocolVersion.objects.published()


# --- the signed PDF (policy/signed_pdf): its views and the buttons on a version's page ask these

SIGNABLE = {VersionStatus.APPROVED, VersionStatus.PUBLISHED}


def sees_unpublished_pdfs(user) -> bool:
    """Bestuur and directie handle the signed PDF before it is published."""
    return has_role(user, Role.BOARD, Role.MANAGEMENT)


def may_download_signed(user, version: ProtocolVersion) -> bool:
    """A published version's signed PDF is for everyone; an approved one's for bestuur and directie."""
    return version.is_published or (sees_unpublished_pdfs(user) and version.status in SIGNABLE)


def has_approval_record(version: ProtocolVersion) -> bool:
    """The copy the board signed at approval exists (or can be made now)."""
    return version.status == VersionStatus.APPROVED or version.signed_copies.filter(
        kind=SignedCopy.Kind.APPROVAL).exists()


def may_download_approval(user, version: ProtocolVersion) -> bool:
    return sees_unpublished_pdfs(user) and has_approval_record(version)


def may_preview_concept(user) -> bool:
    return is_directie(user)


def version_for(user, pk) -> ProtocolVersion:
    """The version, if the user may read it; 404 otherwise."""
    return get_object_or_404(visible_versions(user), pk=pk)


def draft_for(user, pk) -> ProtocolVersion:
    """A version to edit: 404 if the user may not read it, 403 if they may read but not edit it."""
    version = version_for(user, pk)
    if not can_edit_protocol(user):
        raise PermissionDenied
    return version


def section_for(user, pk) -> Section:
    """A section to edit, through its version's rules (404 unseen, 403 not directie)."""
    section = get_object_or_404(Section.objects.select_related("version"), pk=pk)
    if not visible_versions(user).filter(pk=section.version_id).exists():
        raise Http404
    if not can_edit_protocol(user):
        raise PermissionDenied
    return section


def review_for(user, pk) -> Review:
    """A review to confirm: board members only (the version in force is public, so 403 for others)."""
    review = get_object_or_404(Review.objects.select_related("version"), pk=pk)
    if not is_board(user):
        raise PermissionDenied
    return review
