"""Cron: remind the guardians of pupils with open consent questions (e.g. weekly in September)."""

from django.core.management.base import BaseCommand

from consent import services


class Command(BaseCommand):
    help = "Mail the guardians of every pupil without an answer for one or more consent purposes."

    def handle(self, *args, **options):
        sent = services.send_reminders(actor=None)
        self.stdout.write(f"{sent} reminder(s) sent")
