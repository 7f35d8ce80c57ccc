"""Integration tokens for the API: created (shown once, stored as a hash) and revoked."""

import secrets

from django.db import transaction
from django.utils import timezone

from julianaschool import audit

from ..audit_actions import Action
from ..models import (
    IntegrationToken,
)


@transaction.atomic
def create_integration_token(*, name: str, purposes, actor, scopes=("read",)) -> tuple[IntegrationToken, str]:
    """A new token for a publishing tool, with its scopes (read; publish). Returns the token
    itself once; only its hash is kept."""
    raw = "jp_" + secrets.token_urlsafe(32)
    token = IntegrationToken.objects.create(name=name, token_hash=IntegrationToken.hash(raw), prefix=raw[:8],
                                            created_by=actor, scopes=sorted(set(scopes)))
    token.purposes.set(purposes)
    audit.record(actor=actor, action=Action.TOKEN_CREATED, obj=token,
                 changes={"kanalen": [str(p) for p in purposes], "rechten": sorted(set(scopes))})
    return token, raw


@transaction.atomic
def revoke_integration_token(*, token: IntegrationToken, actor) -> IntegrationToken:
    """The token stops working at once."""
    token = IntegrationToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action=Action.TOKEN_REVOKED, obj=token)
    return token
