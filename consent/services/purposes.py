"""Purposes (the channels consent is asked for): creating, editing (a new version of the
explanation, re-asked after a substantive change) and retiring them."""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from julianaschool import audit

from ..audit_actions import Action
from ..models import (
    Purpose,
    PurposeVersion,
    media_label,
)
from ..publications import services as publications


def _new_version(*, purpose: Purpose, explanation: str, explanation_en: str, staff_explanation: str,
                 staff_explanation_en: str, substantive: bool, actor) -> PurposeVersion:
    number = (purpose.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    media = media_label(purpose.covers_photo, purpose.covers_film, purpose.covers_sound)
    version = PurposeVersion(purpose=purpose, number=number, name=purpose.name, explanation=explanation, media=media,
                             name_en=purpose.name_en, explanation_en=explanation_en,
                             staff_explanation=staff_explanation, staff_explanation_en=staff_explanation_en,
                             is_public=purpose.is_public, substantive=substantive, created_by=actor)
    version.text_sha256 = PurposeVersion.hash_text(version.shown_text)
    version.save()
    purpose.current_version = version
    if substantive:
        purpose.asked_from = number
    purpose.save(update_fields=["current_version", "asked_from"])
    return version


@transaction.atomic
def create_purpose(*, slug: str, name: str, explanation: str, covers_photo: bool, covers_film: bool,
                   covers_sound: bool, is_public: bool, position: int = 0, actor, name_en: str = "",
                   explanation_en: str = "", staff_explanation: str = "", staff_explanation_en: str = "") -> Purpose:
    """A new channel with its first version; every parent is asked about it from now on.
    Without an English name and explanation (the form requires them) English readers see the Dutch."""
    purpose = Purpose.objects.create(slug=slug, name=name, name_en=name_en, covers_photo=covers_photo,
                                     covers_film=covers_film, covers_sound=covers_sound, is_public=is_public,
                                     position=position)
    _new_version(purpose=purpose, explanation=explanation, explanation_en=explanation_en,
                 staff_explanation=staff_explanation, staff_explanation_en=staff_explanation_en, substantive=True,
                 actor=actor)
    audit.record(actor=actor, action=Action.PURPOSE_CREATED, obj=purpose, changes={"naam": name, "openbaar": is_public})
    return purpose


@transaction.atomic
def update_purpose(*, purpose: Purpose, name: str, explanation: str, covers_photo: bool, covers_film: bool,
                   covers_sound: bool, is_public: bool, position: int, substantive: bool, actor,
                   name_en: str | None = None, explanation_en: str | None = None,
                   staff_explanation: str | None = None, staff_explanation_en: str | None = None) -> Purpose:
    """Change a channel. Any change to what parents read makes a new version (the old words stay
    provable); a substantive change also makes every earlier answer void, so parents are asked again.
    Widening the media or making a channel public is always substantive. The English and staff
    texts left out (None) stay as the current version has them."""
    purpose = Purpose.objects.select_for_update().get(pk=purpose.pk)
    if purpose.is_retired:
        raise ValidationError(_("Dit doel is gestopt en kan niet meer worden gewijzigd."))
    current = purpose.current_version
    name_en = purpose.name_en if name_en is None else name_en
    explanation_en = (current.explanation_en if current else "") if explanation_en is None else explanation_en
    staff_explanation = (current.staff_explanation if current else "") if staff_explanation is None else staff_explanation
    staff_explanation_en = ((current.staff_explanation_en if current else "") if staff_explanation_en is None
                            else staff_explanation_en)
    before = audit.snapshot(purpose, ["name", "name_en", "covers_photo", "covers_film", "covers_sound", "is_public",
                                      "position"])
    widened = ((covers_photo and not purpose.covers_photo) or (covers_film and not purpose.covers_film)
               or (covers_sound and not purpose.covers_sound) or (is_public and not purpose.is_public))
    substantive = substantive or widened
    purpose.name, purpose.name_en, purpose.covers_photo, purpose.covers_film = name, name_en, covers_photo, covers_film
    purpose.covers_sound, purpose.is_public, purpose.position = covers_sound, is_public, position
    purpose.save(update_fields=["name", "name_en", "covers_photo", "covers_film", "covers_sound", "is_public",
                                "position"])
    shown_changed = current is None or (
        current.name, current.explanation, current.media, current.is_public, current.name_en, current.explanation_en,
        current.staff_explanation, current.staff_explanation_en,
    ) != (name, explanation, purpose.media, is_public, name_en, explanation_en, staff_explanation, staff_explanation_en)
    changes = audit.diff(before, audit.snapshot(purpose, list(before)))
    if shown_changed or substantive:
        version = _new_version(purpose=purpose, explanation=explanation, explanation_en=explanation_en,
                               staff_explanation=staff_explanation, staff_explanation_en=staff_explanation_en,
                               substantive=substantive, actor=actor)
        changes["versie"] = version.number
        changes["opnieuw gevraagd"] = substantive
        if substantive:
            publications.takedowns_after_reask(purpose=purpose)
    audit.record(actor=actor, action=Action.PURPOSE_CHANGED, obj=purpose, changes=changes)
    return purpose


@transaction.atomic
def retire_purpose(*, purpose: Purpose, actor) -> Purpose:
    """Stop asking about a channel. Its records stay; it is no longer shown or answered."""
    purpose = Purpose.objects.select_for_update().get(pk=purpose.pk)
    if not purpose.is_retired:
        purpose.retired_at = timezone.now()
        purpose.save(update_fields=["retired_at"])
        audit.record(actor=actor, action=Action.PURPOSE_STOPPED, obj=purpose)
    return purpose
