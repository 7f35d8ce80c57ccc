"""Remind publishers of takedowns due on the next school day (run daily from cron):
`manage.py takedown_reminders`."""

from django.core.management.base import BaseCommand

from consent.publications import services


class Command(BaseCommand):
    help = "Mail each publisher about open takedowns due on the next school day (once per takedown)."

    def handle(self, *args, **options):
        count = services.send_takedown_reminders()
        self.stdout.write(f"Herinneringen verwijdertaken: {count}")
