"""Cron, at the start of the school year: ask every parent to check their choices. Resets nothing."""

from django.core.management.base import BaseCommand

from consent import services


class Command(BaseCommand):
    help = "Mail every guardian of an active pupil: 'controleer uw keuzes'. Existing answers stay valid."

    def handle(self, *args, **options):
        sent = services.send_yearly_check(actor=None)
        self.stdout.write(f"{sent} mail(s) sent")
