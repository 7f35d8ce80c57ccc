from django.core.management.base import BaseCommand

from julianaschool import mail


class Command(BaseCommand):
    help = "Forget mails sent more than --days days ago (daily from cron); failed mails are kept."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options):
        deleted = mail.prune_sent(older_than_days=max(days, 1))
        self.stdout.write(f"{deleted} verstuurde mail(s) vergeten.")
