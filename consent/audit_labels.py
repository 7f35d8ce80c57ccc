"""How consent's audit actions read on the audit page (registered in apps.py, see `audit.register`)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "doel aangemaakt": _("%(actor)s heeft %(object)s aangemaakt."),
    "doel gewijzigd": _("%(actor)s heeft %(object)s gewijzigd."),
    "doel gestopt": _("%(actor)s heeft %(object)s gestopt."),
    "toestemming gegeven/gewijzigd": _("%(actor)s heeft toestemming gegeven of gewijzigd voor %(object)s."),
    "toestemming ingevoerd ({method})": _("%(actor)s heeft de toestemming voor %(object)s ingevoerd (%(method)s)."),
    "eigen toestemming medewerker": _("%(actor)s heeft als medewerker de eigen toestemming vastgelegd (%(object)s)."),
    "toestemming beëindigd (uitgeschreven)": _(
        "%(actor)s heeft de toestemming voor %(object)s beëindigd: de leerling is uitgeschreven."),
    "toestemming hersteld (uitschrijving teruggedraaid)": _(
        "%(actor)s heeft de toestemming voor %(object)s hersteld: de uitschrijving is teruggedraaid."),
    "herinnering toestemming verstuurd": _("%(actor)s heeft herinneringen over toestemming verstuurd."),
    "jaarlijkse controle toestemming verstuurd": _("%(actor)s heeft de jaarlijkse controle van de toestemming verstuurd."),
    "koppeling aangemaakt": _("%(actor)s heeft %(object)s aangemaakt."),
    "koppeling ingetrokken": _("%(actor)s heeft %(object)s ingetrokken."),
    "publicatie geregistreerd": _("%(actor)s heeft %(object)s geregistreerd."),
    "verwijdertaken aangemaakt": _("%(actor)s heeft verwijdertaken aangemaakt."),
    "verwijdertaak afgehandeld": _("%(actor)s heeft een verwijdertaak afgehandeld voor %(object)s."),
    "herinnering verwijdertaken verstuurd": _("%(actor)s heeft een herinnering over openstaande verwijdertaken verstuurd."),
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
