"""Make a self-signed board certificate and key for demo and development.

A school that signs for real points SIGNING_PKCS12_PATH (and SIGNING_PKCS12_PASSPHRASE) at the
PKCS#12 file its certificate authority issued instead; see the README.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policy.signed_pdf.sign import create_board_certificate


class Command(BaseCommand):
    help = "Maakt een zelfondertekend certificaat en sleutel van het bestuur (PKCS#12) voor demo en ontwikkeling."

    def add_arguments(self, parser):
        parser.add_argument("--if-missing", action="store_true", help="Niets doen als het bestand al bestaat.")
        parser.add_argument("--force", action="store_true", help="Een bestaand bestand vervangen.")
        parser.add_argument("--path", help="Waar het PKCS#12-bestand komt (standaard SIGNING_PKCS12_PATH).")
        parser.add_argument("--common-name", default=f"Bestuur {settings.SCHOOL_NAME}")
        parser.add_argument("--days", type=int, default=5 * 365)

    def handle(self, *args, **options):
        path = Path(options["path"] or settings.SIGNING_PKCS12_PATH)
        if path.exists():
            if options["if_missing"]:
                self.stdout.write(f"Certificaat bestaat al: {path}")
                return
            if not options["force"]:
                raise CommandError(f"{path} bestaat al; gebruik --force om het te vervangen of --if-missing.")
        certificate = create_board_certificate(
            path=path,
            passphrase=settings.SIGNING_PKCS12_PASSPHRASE,
            common_name=options["common_name"],
            organization=settings.SCHOOL_FOUNDATION,
            valid_days=options["days"],
        )
        self.stdout.write(self.style.SUCCESS(f"Certificaat gemaakt: {path} ({certificate.subject.rfc4514_string()})"))
