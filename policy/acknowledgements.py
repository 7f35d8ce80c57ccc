"""Reads about acknowledgements: who must confirm reading which version, and who did.

The rule: a substantive version asks every staff member again, an editorial one asks nothing.
So what a staff member must have acknowledged is the version's *baseline*: the latest
substantive version up to it. An acknowledgement of the baseline or of any later editorial
version up to this one counts.
"""

from julianaschool.access import is_staff_member
from julianaschool.models import StaffMember

from .models import Acknowledgement, ProtocolVersion


def baseline(version: ProtocolVersion) -> ProtocolVersion:
    """The latest published substantive version at or below `version` (itself if substantive)."""
    if version.is_substantive:
        return version
    candidates = [
        v for v in ProtocolVersion.objects.published().filter(kind="inhoudelijk")
        if v.number_key <= version.number_key
    ]
    return max(candidates, key=lambda v: v.number_key) if candidates else version


def last_acknowledged(user) -> Acknowledgement | None:
    """The user's acknowledgement of the highest version number."""
    return (
        Acknowledgement.objects.filter(user=user).select_related("version")
        .order_by("-version__major", "-version__minor").first()
    )


def pending_for(user) -> dict | None:
    """{'version': the version in force, 'since': the version last acknowledged or None} when this
    staff member must still confirm reading; None when nothing is asked of them."""
    if not is_staff_member(user):
        return None
    in_force = ProtocolVersion.objects.in_force()
    if in_force is None:
        return None
    last = last_acknowledged(user)
    if last is not None and last.version.number_key >= baseline(in_force).number_key:
        return None
    return {"version": in_force, "since": last.version if last else None}


def status_per_staff(version: ProtocolVersion) -> list[dict]:
    """Every current staff member with their acknowledgement that counts for `version` (or None),
    in a fixed number of queries whatever the number of staff."""
    base = baseline(version)
    counting = [
        v.pk for v in ProtocolVersion.objects.published()
        if base.number_key <= v.number_key <= version.number_key
    ]
    acks: dict[int, Acknowledgement] = {}
    for ack in Acknowledgement.objects.filter(version__in=counting).select_related("version").order_by("at"):
        acks.setdefault(ack.user_id, ack)
    staff = StaffMember.objects.filter(
        left_on__isnull=True, anonymised_at__isnull=True, user__is_active=True
    ).select_related("user")
    return [{"staff": s, "acknowledgement": acks.get(s.user_id)} for s in staff]


def counts_for(version: ProtocolVersion) -> tuple[int, int]:
    """(staff who have not acknowledged `version`, current staff): what status_per_staff gives,
    counted by the database, for the dashboard that shows the numbers only."""
    base = baseline(version)
    counting = [
        v.pk for v in ProtocolVersion.objects.published()
        if base.number_key <= v.number_key <= version.number_key
    ]
    staff = StaffMember.objects.filter(left_on__isnull=True, anonymised_at__isnull=True, user__is_active=True)
    total = staff.count()
    done = staff.filter(user__in=Acknowledgement.objects.filter(version__in=counting).values("user_id")).count()
    return total - done, total
