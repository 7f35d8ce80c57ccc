"""Every mail the portal sends goes through `send()`: rendered now, sent after the transaction commits.

A mail for a write that rolls back is never sent (zulip's actions send side effects on commit). Each
kind of mail gets a small function of its own that calls `send()` with its template, so the kinds
are listed in one place and a template is not chosen by string in five modules.

`urgent` says whether the mail may wait for the next school day (reminders, yearly checks, bulk
invitations) or must go at once (a receipt the person just asked for, a password link, a serious
incident).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def send(*, to: Iterable[str], subject: str, template: str, context: dict, urgent: bool = False) -> None:
    """Renders `template` with `context` now and sends it to each address in `to` once the current
    transaction commits; nothing is sent if it rolls back. Empty addresses are skipped."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    body = render_to_string(template, {"school_name": settings.SCHOOL_NAME, **context})
    message = EmailMessage(subject=str(subject), body=body, to=recipients)

    def deliver() -> None:
        try:
            message.send()
        except Exception:  # noqa: BLE001
            # The write it reports has been committed and counts; a mail server that is down must not
            # turn that into an error page. The worker (when it exists) retries; here we log it.
            logger.exception("Could not send mail %r to %d recipients", template, len(recipients))

    transaction.on_commit(deliver)
