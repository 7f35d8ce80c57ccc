"""For cron (daily is fine): mails directie and the voorzitter when the protocol's review is due
in 90 days, in 30 days, or overdue; each milestone once (see services.send_review_reminders)."""

import datetime

from django.core.management.base import BaseCommand

from policy import services


class Command(BaseCommand):
    help = "Mail directie en voorzitter over een naderende of verlopen herziening van het protocol (één keer per mijlpaal)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="Doe alsof het deze datum is (JJJJ-MM-DD); voor testen.")

    def handle(self, *args, today=None, **options):
        reminder = services.send_review_reminders(today=today)
        if reminder is None:
            self.stdout.write("Geen herinnering nodig (of al verstuurd).")
        else:
            self.stdout.write(f"Herinnering '{reminder.get_milestone_display()}' verstuurd aan {reminder.recipients}.")
