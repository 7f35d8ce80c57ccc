"""How the incidents' audit actions read on the audit page (registered in apps.py, see `audit.register`)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "incident gemeld": _("%(actor)s heeft %(object)s gemeld."),
    "notitie bij incident": _("%(actor)s heeft een notitie toegevoegd bij %(object)s."),
    "status incident": _("%(actor)s heeft de status van %(object)s gewijzigd."),
    "maatregel voorgenomen": _("%(actor)s heeft een maatregel voorgenomen: %(object)s."),
    "zienswijze vastgelegd": _("%(actor)s heeft de zienswijze vastgelegd bij %(object)s."),
    "maatregel besloten": _("%(actor)s heeft besloten over %(object)s."),
    "brief opgesteld": _("%(actor)s heeft een brief opgesteld bij %(object)s."),
    "verwijdering definitief": _("%(actor)s heeft de verwijdering definitief gemaakt: %(object)s."),
    "dossierstuk toegevoegd": _("%(actor)s heeft %(object)s aan het dossier toegevoegd."),
    "categorie opgeslagen": _("%(actor)s heeft %(object)s opgeslagen."),
    "bewaartermijn: incident verwijderd": _("%(actor)s heeft een incident verwijderd: de bewaartermijn is voorbij."),
}

FIELDS = {
    "categorie": _("categorie"),
    "ernst": _("ernst"),
    "betrokkenen": _("betrokkenen"),
    "bijlagen": _("bijlagen"),
    "maatregel": _("maatregel"),
    "voorgesteld": _("voorgesteld"),
    "reden afwijking": _("reden afwijking"),
    "school": _("school"),
}
