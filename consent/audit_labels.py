"""How consent's audit actions read on the audit page (registered in apps.py, see `audit.register`)."""

from django.utils.translation import gettext_lazy as _

from .audit_actions import Action

ACTIONS = {
    Action.PURPOSE_CREATED: _("%(actor)s heeft %(object)s aangemaakt."),
    Action.PURPOSE_CHANGED: _("%(actor)s heeft %(object)s gewijzigd."),
    Action.PURPOSE_STOPPED: _("%(actor)s heeft %(object)s gestopt."),
    Action.DECISION_RECORDED: _("%(actor)s heeft toestemming gegeven of gewijzigd voor %(object)s."),
    Action.PAPER_DECISION_ENTERED: _("%(actor)s heeft de toestemming voor %(object)s ingevoerd (papier)."),
    Action.PHONE_DECISION_ENTERED: _("%(actor)s heeft de toestemming voor %(object)s ingevoerd (telefoon)."),
    Action.STAFF_DECISION_RECORDED: _("%(actor)s heeft als medewerker de eigen toestemming vastgelegd (%(object)s)."),
    Action.DECISIONS_ENDED: _(
        "%(actor)s heeft de toestemming voor %(object)s beëindigd: de leerling is uitgeschreven."),
    Action.DECISIONS_RESTORED: _(
        "%(actor)s heeft de toestemming voor %(object)s hersteld: de uitschrijving is teruggedraaid."),
    Action.REMINDER_SENT: _("%(actor)s heeft herinneringen over toestemming verstuurd."),
    Action.YEARLY_CHECK_SENT: _("%(actor)s heeft de jaarlijkse controle van de toestemming verstuurd."),
    Action.TOKEN_CREATED: _("%(actor)s heeft %(object)s aangemaakt."),
    Action.TOKEN_REVOKED: _("%(actor)s heeft %(object)s ingetrokken."),
    Action.PUBLICATION_REGISTERED: _("%(actor)s heeft %(object)s geregistreerd."),
    Action.TAKEDOWNS_CREATED: _("%(actor)s heeft verwijdertaken aangemaakt."),
    Action.TAKEDOWN_HANDLED: _("%(actor)s heeft een verwijdertaak afgehandeld voor %(object)s."),
    Action.TAKEDOWN_REMINDER_SENT: _("%(actor)s heeft een herinnering over openstaande verwijdertaken verstuurd."),
}

FIELDS = {
    "openbaar": _("openbaar"),
    "opnieuw gevraagd": _("opnieuw gevraagd"),
    "doelen": _("doelen"),
    "besluiten": _("besluiten"),
    "mails": _("verstuurde mails"),
    "kanalen": _("kanalen"),
    "rechten": _("rechten"),
    "kanaal": _("kanaal"),
    "herkenbaar": _("herkenbaar"),
    "onherkenbaar gemaakt": _("onherkenbaar gemaakt"),
    "correctie van": _("correctie van publicatie"),
    "koppeling": _("koppeling"),
    "aantal": _("aantal"),
    "publicaties": _("publicaties"),
    "reden": _("reden"),
    "taak": _("taak"),
    "uitkomst": _("uitkomst"),
    "taken": _("taken"),
}
