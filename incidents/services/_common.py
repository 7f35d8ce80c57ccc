"""What the incidents services share: the upload check, the timeline entry, directie's accounts."""


from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from julianaschool.models import Role
from julianaschool.names import account_name
from julianaschool.uploads import accept_upload

from ..models import (
    Incident,
    Measure,
    TimelineEntry,
    timeline_values,
)

User = get_user_model()


def check_upload(upload, *, allowed: tuple[str, ...] | None = None) -> tuple[str, str, int]:
    """(content type, sha256, size) of an upload; ValidationError when it is too big or not an
    image or PDF by its content (the portal's one upload check, julianaschool.uploads)."""
    content_type, sha256 = accept_upload(upload, allowed=allowed)
    return content_type, sha256, upload.size


def timeline_entry(*, incident: Incident, author, kind: str, text: str = "", old_status: str = "", new_status: str = "",
           measure: Measure | None = None, message: str = "", params: dict | None = None) -> TimelineEntry:
    """One timeline entry. The portal's own words come as `message` (marked with gettext_noop)
    and `params`: stored as such, for each reader's language, and written out in Dutch as `text`."""
    params = params or {}
    if message:
        with translation.override("nl"):
            text = _(message) % timeline_values(params)
    return TimelineEntry.objects.create(incident=incident, author=author, author_name=account_name(author), kind=kind,
                                        text=text, old_status=old_status, new_status=new_status, measure=measure,
                                        message=message, params=params)


def directie_users():
    return User.objects.filter(groups__name=Role.MANAGEMENT, is_active=True).exclude(email="").distinct()
