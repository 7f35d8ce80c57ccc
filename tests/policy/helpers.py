"""Shortcuts that take a version along the approval path through the real services."""

import datetime

from policy import services
from policy.models import ProtocolVersion

TODAY = datetime.date.today()


def draft(world, kind="inhoudelijk", summary="Regel over telefoons aangescherpt.") -> ProtocolVersion:
    version = services.start_draft(actor=world.directie, kind=kind)
    if summary:
        version = services.update_details(actor=world.directie, version=version, kind=kind, change_summary=summary)
    return version


def edit(world, version, key, old, new):
    section = version.sections.get(key=key)
    assert old in section.body
    return services.update_section(actor=world.directie, section=section, title=section.title,
                                   body=section.body.replace(old, new))


def adopted(world, **kwargs) -> ProtocolVersion:
    return services.adopt(actor=world.directie, version=draft(world, **kwargs))


def approved(world, **kwargs) -> ProtocolVersion:
    return services.approve(actor=world.bestuur, version=adopted(world, **kwargs))


def publish(world, version, effective_from=TODAY) -> ProtocolVersion:
    return services.publish(actor=world.directie, version=version, effective_from=effective_from,
                            review_on=effective_from.replace(year=effective_from.year + 2))


def published(world, kind="inhoudelijk", change=None) -> ProtocolVersion:
    """A new version through the whole path; `change` is (key, old text, new text)."""
    version = draft(world, kind=kind)
    if change:
        edit(world, version, *change)
    version = services.adopt(actor=world.directie, version=version)
    version = services.approve(actor=world.bestuur, version=version)
    return publish(world, version)
