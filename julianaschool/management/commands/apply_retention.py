"""Apply the AVG retention periods (run daily from cron): `manage.py apply_retention [--dry-run]`."""

from django.core.management.base import BaseCommand

from julianaschool import retention


class Command(BaseCommand):
    help = "Verwijder of anonimiseer gegevens van leerlingen en medewerkers die langer dan de bewaartermijn weg zijn."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen laten zien wat er zou gebeuren.")

    def handle(self, *args, dry_run=False, **options):
        plan = retention.make_plan() if dry_run else retention.apply()
        for line in plan.lines():
            self.stdout.write(line)
        if plan.is_empty():
            self.stdout.write("Niets te doen.")
        elif dry_run:
            self.stdout.write("Proefdraai: er is niets veranderd.")
        else:
            self.stdout.write(self.style.SUCCESS("Klaar; vastgelegd in de audittrail."))
