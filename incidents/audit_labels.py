"""How the incidents' audit actions read on the audit page (registered in apps.py, see `audit.register`)."""

from django.utils.translation import gettext_lazy as _

from .audit_actions import Action

ACTIONS = {
    Action.INCIDENT_REPORTED: _("%(actor)s heeft %(object)s gemeld."),
    Action.NOTE_ADDED: _("%(actor)s heeft een notitie toegevoegd bij %(object)s."),
    Action.STATUS_CHANGED: _("%(actor)s heeft de status van %(object)s gewijzigd."),
    Action.MEASURE_PROPOSED: _("%(actor)s heeft een maatregel voorgenomen: %(object)s."),
    Action.STATEMENT_RECORDED: _("%(actor)s heeft de zienswijze vastgelegd bij %(object)s."),
    Action.MEASURE_DECIDED: _("%(actor)s heeft besloten over %(object)s."),
    Action.LETTER_WRITTEN: _("%(actor)s heeft een brief opgesteld bij %(object)s."),
    Action.EXPULSION_FINALISED: _("%(actor)s heeft de verwijdering definitief gemaakt: %(object)s."),
    Action.DOCUMENT_ADDED: _("%(actor)s heeft %(object)s aan het dossier toegevoegd."),
    Action.CATEGORY_SAVED: _("%(actor)s heeft %(object)s opgeslagen."),
    Action.INCIDENT_PURGED: _("%(actor)s heeft een incident verwijderd: de bewaartermijn is voorbij."),
    Action.LETTER_MAILED: _("%(actor)s heeft een brief over %(object)s per e-mail verstuurd."),
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
    "aan": _("aan"),
}
