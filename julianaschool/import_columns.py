"""The columns of the office's pupil CSV (see `julianaschool.imports`): the portal's own names,
the administration systems' names for them (`canonical_column`), and how long each may be."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Guardian, Pupil

PUPIL_COLUMNS = ["leerlingnummer", "voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "groep"]
GUARDIAN_FIELDS = ["voornaam", "tussenvoegsel", "achternaam", "naam", "email", "telefoon", "adres"]
GUARDIANS = (1, 2)
COLUMNS = PUPIL_COLUMNS + [f"ouder{n}_{name}" for n in GUARDIANS for name in GUARDIAN_FIELDS]
REQUIRED = ["leerlingnummer", "voornaam", "achternaam", "geboortedatum", "groep"]
IGNORE = ""  # the mapping's value for "leave this column out"
MAX_ROWS = 2000
# Far below csv's own limit (131,072): no field of this file is longer than a few hundred characters.
MAX_FIELD = 1000
# The address is recognised (offices export it) but not kept: the portal has no use for it (AVG).
NOT_STORED = {f"ouder{n}_adres" for n in GUARDIANS}

# Normalised header -> canonical column. Headers are normalised by `_normalise` first.
_PUPIL_ALIASES = {
    "leerlingnummer": "leerlingnummer", "leerling nummer": "leerlingnummer", "leerlingnr": "leerlingnummer",
    "leerling nr": "leerlingnummer", "llnr": "leerlingnummer", "lln nr": "leerlingnummer",
    "leerlingcode": "leerlingnummer", "stamnummer": "leerlingnummer", "key": "leerlingnummer",
    "voornaam": "voornaam", "roepnaam": "voornaam", "roepnaam leerling": "voornaam", "voornaam leerling": "voornaam",
    "tussenvoegsel": "tussenvoegsel", "tussenvoegsels": "tussenvoegsel", "voorvoegsel": "tussenvoegsel",
    "voorvoegsels": "tussenvoegsel", "tussenvoegsel leerling": "tussenvoegsel", "voorvoegsel leerling": "tussenvoegsel",
    "achternaam": "achternaam", "achternaam leerling": "achternaam", "geslachtsnaam": "achternaam",
    "geboortedatum": "geboortedatum", "geb datum": "geboortedatum", "gebdatum": "geboortedatum",
    "geboren": "geboortedatum", "geboortedatum leerling": "geboortedatum",
    "groep": "groep", "groepsnaam": "groep", "klas": "groep", "stamgroep": "groep", "groep leerling": "groep",
}
_GUARDIAN_WORDS = {
    "voornaam": "voornaam", "roepnaam": "voornaam", "tussenvoegsel": "tussenvoegsel", "voorvoegsel": "tussenvoegsel",
    "achternaam": "achternaam", "naam": "naam", "email": "email", "telefoon": "telefoon",
    "telefoonnummer": "telefoon", "mobiel": "telefoon", "adres": "adres",
}
# "naam ouder 1", "ouder1_email", "e-mail ouder/verzorger 2", "ouder 2 telefoon"
_GUARDIAN_PATTERN = re.compile(r"^(?:(?P<before>[a-z]+) )?(?:ouder|verzorger) ?(?P<n>[12])?(?: (?P<after>[a-z]+))?$")
# A guardians-only file may say just "Naam", "E-mail", "Telefoon", "Adres": those of the first guardian.
_BARE_GUARDIAN = {"naam": "ouder1_naam", "email": "ouder1_email", "telefoon": "ouder1_telefoon",
                  "telefoonnummer": "ouder1_telefoon", "adres": "ouder1_adres"}
def _normalise(header: str) -> str:
    text = header.strip().lower().replace("\ufeff", "")
    text = text.replace("e-mailadres", "email").replace("emailadres", "email").replace("e-mail", "email")
    text = text.replace("/verzorger", "").replace("ouder/", "ouder ")
    text = re.sub(r"[_\-.:()]+", " ", text)
    text = re.sub(r"(ouder|verzorger)\s*([12])", r"\1 \2", text)
    return " ".join(text.split())


def canonical_column(header: str) -> str | None:
    """The portal's column a header means ("Roepnaam" -> "voornaam", "E-mail ouder 2" ->
    "ouder2_email"), or None when it is not recognised."""
    text = _normalise(header)
    if text in COLUMNS:
        return text
    if text.replace(" ", "_") in COLUMNS:
        return text.replace(" ", "_")
    if text in _PUPIL_ALIASES:
        return _PUPIL_ALIASES[text]
    if text in _BARE_GUARDIAN:
        return _BARE_GUARDIAN[text]
    match = _GUARDIAN_PATTERN.match(text)
    if match and bool(match["before"]) != bool(match["after"]):
        word = _GUARDIAN_WORDS.get(match["before"] or match["after"])
        if word:
            return f"ouder{match['n'] or 1}_{word}"
    return None


def column_choices() -> list[tuple[str, str]]:
    """What an unrecognised column can be mapped to, for the mapping step."""
    return [(IGNORE, _("niet gebruiken"))] + [(column, column) for column in COLUMNS if column not in NOT_STORED]


def column_limits() -> dict[str, int]:
    """The longest value each column may hold: read from the models, so the preview checks what the
    database will enforce (PostgreSQL refuses an over-long value; SQLite would silently keep it)."""
    def length(model, name):
        return model._meta.get_field(name).max_length

    limits = {
        "leerlingnummer": length(Pupil, "student_number"), "voornaam": length(Pupil, "first_name"),
        "tussenvoegsel": length(Pupil, "tussenvoegsel"), "achternaam": length(Pupil, "last_name"),
    }
    for n in GUARDIANS:
        limits |= {
            f"ouder{n}_voornaam": length(Guardian, "first_name"), f"ouder{n}_tussenvoegsel": length(Guardian, "tussenvoegsel"),
            f"ouder{n}_achternaam": length(Guardian, "last_name"), f"ouder{n}_email": length(Guardian, "email"),
            f"ouder{n}_telefoon": length(Guardian, "phone"),
            f"ouder{n}_naam": length(Guardian, "tussenvoegsel") + length(Guardian, "last_name") + length(Guardian, "first_name"),
        }
    return limits


COLUMN_LABELS = {
    "leerlingnummer": gettext_lazy("Leerlingnummer"), "voornaam": gettext_lazy("Voornaam"),
    "tussenvoegsel": gettext_lazy("Tussenvoegsel"), "achternaam": gettext_lazy("Achternaam"),
}
