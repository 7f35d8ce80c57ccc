"""Directie's view of outgoing mail: what is waiting (quiet hours, retries) and what failed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, mail
from .errors import show_refusal
from .models import MailStatus, OutgoingMail, Role


@access.role_required(Role.MANAGEMENT)
def outbox(request):
    """Failed mails first (with the mail server's answer), then those waiting, then the last sent.
    The bodies are not shown: an invitation carries a koppelcode."""
    kinds = dict(mail.MailKind.choices)
    failed = list(OutgoingMail.objects.filter(status=MailStatus.FAILED)[:200])
    waiting = list(OutgoingMail.objects.filter(status__in=[MailStatus.QUEUED, MailStatus.RETRYING])
                   .order_by("send_after")[:200])
    sent = list(OutgoingMail.objects.filter(status=MailStatus.SENT).order_by("-sent_at")[:50])
    for item in failed + waiting + sent:
        item.kind_label = kinds.get(item.kind, item.kind)
    return render(request, "julianaschool/mail_outbox.html", {"failed": failed, "waiting": waiting, "sent": sent})


@require_POST
@access.role_required(Role.MANAGEMENT)
def retry(request, pk: int):
    item = get_object_or_404(OutgoingMail, pk=pk)
    try:
        mail.retry_failed(actor=request.user, mail=item)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De mail wordt opnieuw verstuurd."))
    return redirect("office:mail")
