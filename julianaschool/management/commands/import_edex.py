"""`python manage.py import_edex FILE [--dry-run]`: the nightly sync with the administration system.

Prints the same lines as the office's preview, saves the lines ticked by default there (a pupil
absent from the export is only proposed, never left out of the school by cron), and exits
non-zero when the file has problems (nothing is saved then).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from julianaschool import edex, edex_services


class Command(BaseCommand):
    help = "Importeer een EDEXML-bestand uit de leerlingadministratie (met --dry-run: alleen tonen)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Toon de wijzigingen zonder iets op te slaan.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error.strerror}") from error
        result = edex.read(data)
        if isinstance(result, list):
            raise CommandError("\n".join(result))
        for warning in result.warnings:
            self.stdout.write(f"let op: {warning}")
        for note in result.notes:
            self.stdout.write(note)
        if not result.ok:
            raise CommandError("\n".join(result.problems) + "\nEr is niets opgeslagen.")
        for change in result.changes:
            self.stdout.write(f"[{'x' if change.default else ' '}] {change.text}")
        if not result.changes:
            self.stdout.write("Het portaal is al gelijk aan dit bestand: er is niets te wijzigen.")
            return
        if dry_run:
            self.stdout.write(f"{len(result.changes)} wijziging(en); --dry-run: niets opgeslagen.")
            return
        counts = edex_services.apply_edex(plan=result, selected=None, actor=None)
        self.stdout.write(self.style.SUCCESS(
            "Opgeslagen (uit EDEX, sha256 " + result.file.sha256 + "): "
            + ", ".join(f"{value} {key}" for key, value in counts.items() if value)))
        invite = edex_services.teachers_to_invite(plan=result)
        if invite:
            self.stdout.write("Nog uit te nodigen: " + ", ".join(s.full_name for s in invite))
