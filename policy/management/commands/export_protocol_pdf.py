"""Write a version's signed PDF to a file, for archiving by cron.

The same stored file the board downloads: signed once, the same bytes every time. Each export
is written to the audit trail (actor: systeem).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from policy.models import ProtocolVersion
from policy.signed_pdf import services as pdf_services
from policy.signed_pdf.sign import SigningNotConfigured


class Command(BaseCommand):
    help = "Schrijft de ondertekende PDF van een protocolversie naar een bestand."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # `--version` names the protocol version here, not Django's version: ours replaces it.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--version", dest="protocol_version", default="current",
            help='"current" (de geldende versie) of een versienummer, bijvoorbeeld 1.0.',
        )
        parser.add_argument("--output", required=True, help="Het bestand om naar te schrijven.")

    def handle(self, *args, **options):
        wanted = options["protocol_version"]
        if wanted == "current":
            version = ProtocolVersion.objects.in_force()
            if version is None:
                raise CommandError("Er is geen geldende versie.")
        else:
            try:
                major, minor = (int(part) for part in wanted.split(".", 1)) if "." in wanted else (int(wanted), 0)
            except ValueError:
                raise CommandError(f"Geen versienummer: {wanted}") from None
            version = ProtocolVersion.objects.filter(major=major, minor=minor).first()
            if version is None:
                raise CommandError(f"Versie {wanted} bestaat niet.")
        try:
            copy = pdf_services.export_signed_copy(version=version, actor=None, channel="export_protocol_pdf")
        except pdf_services.NotSignable:
            raise CommandError(
                f"Versie {version.number} is niet goedgekeurd door het bestuur ({version.get_status_display()})."
            ) from None
        except SigningNotConfigured as exc:
            raise CommandError(str(exc)) from None
        output = Path(options["output"])
        with copy.file.open("rb") as source:
            output.write_bytes(source.read())
        self.stdout.write(f"{output}: versie {version.number}, sha256 {copy.sha256}")
