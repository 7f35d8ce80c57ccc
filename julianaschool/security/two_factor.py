"""Two-step verification (django-otp, TOTP): who must give a code, enrolling, verifying and
switching it off (services: keyword-only, atomic, audited)."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import audit
from ..access import assigned_roles, awaits_second_factor
from ..audit_actions import Action


def two_factor_required(user) -> bool:
    """True when the school demands a second factor of this user (REQUIRE_2FA and their role)."""
    # The roles given, not the roles acted with: those are none until the code is given.
    return bool(settings.REQUIRE_2FA) and bool(assigned_roles(user) & set(settings.REQUIRE_2FA_ROLES))


def has_second_factor(user) -> bool:
    """Whether the user has a confirmed authenticator (read from the request's user when loaded)."""
    known = getattr(user, "portal_has_device", None)
    return known if known is not None else user_has_device(user)


def owes_second_factor(user) -> bool:
    """A signed-in user who has not yet given a TOTP code this session but must."""
    return awaits_second_factor(user)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed TOTP device (made on first visit to the enrolment page).

    Not audited: an unconfirmed device cannot be used to log in; confirming it is the write.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)
    return device


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// link as an SVG QR code in a data: URI (made here, no network)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps without a camera."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_device(*, request, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm an enrolment with a first code from the app; the session counts as verified.

    Older devices of the user are removed: one authenticator per person keeps it simple.
    """
    if not device.verify_token((token or "").replace(" ", "")):
        raise ValidationError(_("Deze code klopt niet. Kijk in de app en typ de zes cijfers die u nu ziet."))
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit.record(actor=request.user, action=Action.TWO_FACTOR_ENABLED, obj=request.user)
    return device


def verify(*, request, token: str) -> TOTPDevice:
    """Check the code after the password; on success the session is verified."""
    token = (token or "").replace(" ", "")
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return device
    raise ValidationError(_("Deze code klopt niet. Kijk in de app en typ de zes cijfers die u nu ziet."))


@transaction.atomic
def remove_devices(*, user, actor) -> int:
    """Switch two-factor login off for `user` (refused while the school requires it of them)."""
    if two_factor_required(user):
        raise ValidationError(_("Voor uw rol is tweestapsverificatie verplicht; u kunt hem niet uitzetten."))
    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action=Action.TWO_FACTOR_DISABLED, obj=user, changes={"apparaten": removed})
    return removed
