"""Carries out a saved plan for the next school year on its first day (cron `5 0 * * *`).

The new year is current from its first day on (SchoolYear.objects.current goes by date); this
command lets the pupils the plan lets go leave on the old year's last day and marks the plan
started. Run again, it does nothing.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from julianaschool import year_services


class Command(BaseCommand):
    help = "Start the planned school year on its first day (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to act as today (YYYY-MM-DD), for a late or test run")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date: {error}") from None
        started = year_services.start_school_year(today=today)
        for plan in started:
            self.stdout.write(f"Schooljaar {plan.to_year} is begonnen.")
        if not started:
            self.stdout.write("Geen schooljaar te starten.")
