"""What the portal keeps about its own work: the audit trail and the outgoing mail."""


from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One write done through the portal: who, when, which object, what changed.

    Written only through `julianaschool.audit` (`record`, or `entry` for a bulk insert), with an app's
    `audit_actions.Action` as `action`; never changed or deleted by the portal.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("wacht op verzending")
    SENT = "sent", _("verstuurd")
    RETRYING = "retrying", _("wordt opnieuw geprobeerd")
    FAILED = "failed", _("mislukt")


class OutgoingMail(models.Model):
    """One mail the portal sends: rendered when it was asked for, delivered by the background worker.

    The row is written in the same transaction as the change it reports, so a change that rolls
    back leaves no mail behind; the worker's task is enqueued only after the commit.
    """

    kind = models.CharField(_("soort"), max_length=40)
    to = models.JSONField(_("aan"), default=list)
    subject = models.CharField(_("onderwerp"), max_length=255)
    body = models.TextField(_("tekst"))
    urgent = models.BooleanField(_("dringend"), default=False)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    send_after = models.DateTimeField(_("versturen vanaf"))
    status = models.CharField(_("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitgaande mail")
        verbose_name_plural = _("uitgaande mails")
        indexes = [models.Index(fields=["status", "send_after"])]

    def __str__(self):
        return self.subject
