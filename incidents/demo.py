"""Demo data for the incidents app, called by `manage.py seed_demo` after the people exist."""

import datetime

from django.utils import timezone

from julianaschool.models import Pupil

from . import services
from .models import Category, Incident, MeasureKind, PartyRole, Place, Platform, Severity, Status

DEMO_MARK = "[demo]"


def seed(*, school) -> None:
    """Idempotent: running it twice leaves the same data.

    Three incidents reported by the demo `leerkracht` about groep 5 pupils: a serious one (pesten
    in the class chat, with a warning decided and its letter in the pupil's dossier), one still
    waiting to be picked up, and one already closed.
    """
    if Incident.objects.filter(description__startswith=DEMO_MARK).exists():
        return
    teacher = school.users["leerkracht"]
    director = school.users["directie"]
    pupils = list(Pupil.objects.in_group(school.groups["5"]).order_by("sort_name")[:3])
    if len(pupils) < 2:
        return
    now = timezone.now()
    serious = services.report_incident(
        reporter=teacher, occurred_at=now - datetime.timedelta(days=1, hours=3), place=Place.ONLINE,
        platform=Platform.CLASS_CHAT, category=Category.objects.get(name="Pesten"), severity=Severity.SERIOUS,
        description=f"{DEMO_MARK} In de klassenchat zijn gemene berichten en een bewerkte foto over een klasgenoot "
                    "gedeeld. De klasgenoot kwam huilend naar mij toe.",
        parties=[{"role": PartyRole.PERPETRATOR, "pupil": pupils[0]}, {"role": PartyRole.VICTIM, "pupil": pupils[1]}],
    )
    services.add_note(incident=serious, author=director, text="Gesprek gevoerd met beide leerlingen en hun ouders.")
    party = serious.parties.get(role=PartyRole.PERPETRATOR)
    services.decide_measure(
        incident=serious, party=party, actor=director, kind=MeasureKind.WARNING,
        grounds="Het verspreiden van kwetsende berichten en een bewerkte foto van een klasgenoot is in strijd met het "
                "protocol sociale media en internetgebruik.",
    )
    services.report_incident(
        reporter=teacher, occurred_at=now - datetime.timedelta(days=4), place=Place.PLAYGROUND,
        category=Category.objects.get(name="Foto, film of geluid opnemen zonder toestemming"), severity=Severity.MODERATE,
        description=f"{DEMO_MARK} Tijdens de pauze filmde een leerling andere kinderen met een telefoon.",
        parties=[{"role": PartyRole.PERPETRATOR, "pupil": pupils[-1]}, {"role": PartyRole.WITNESS, "name": "Overblijfkracht"}],
    )
    closed = services.report_incident(
        reporter=teacher, occurred_at=now - datetime.timedelta(days=10), place=Place.CLASSROOM,
        category=Category.objects.get(name="Telefoon aan tijdens schooltijd"), severity=Severity.MINOR,
        description=f"{DEMO_MARK} Telefoon ging af tijdens de rekenles.",
        parties=[{"role": PartyRole.PERPETRATOR, "pupil": pupils[1]}],
    )
    services.change_status(incident=closed, new_status=Status.RESOLVED, actor=director, note="Besproken in de klas.")
