"""How the protocol's audit actions read on the audit page (registered in apps.py, see `audit.register`)."""

from django.utils.translation import gettext_lazy as _

from .audit_actions import Action

ACTIONS = {
    Action.DRAFT_STARTED: _("%(actor)s heeft een nieuw concept gestart: %(object)s."),
    Action.DETAILS_CHANGED: _("%(actor)s heeft de gegevens van %(object)s gewijzigd."),
    Action.SECTION_ADDED: _("%(actor)s heeft %(object)s toegevoegd."),
    Action.SECTION_CHANGED: _("%(actor)s heeft %(object)s gewijzigd."),
    Action.SECTION_DELETED: _("%(actor)s heeft %(object)s verwijderd."),
    Action.SECTION_MOVED: _("%(actor)s heeft %(object)s verplaatst."),
    Action.DRAFT_DISCARDED: _("%(actor)s heeft het concept %(object)s weggegooid."),
    Action.VERSION_ADOPTED: _("%(actor)s heeft %(object)s vastgesteld."),
    Action.VERSION_RETURNED: _("%(actor)s heeft %(object)s teruggezet naar concept."),
    Action.VERSION_APPROVED: _("%(actor)s heeft %(object)s goedgekeurd."),
    Action.VERSION_SUPERSEDED: _("%(actor)s heeft %(object)s laten vervallen door een nieuwe versie."),
    Action.VERSION_PUBLISHED: _("%(actor)s heeft %(object)s gepubliceerd."),
    Action.REVIEW_RECORDED: _("%(actor)s heeft een herziening zonder wijzigingen vastgelegd voor %(object)s."),
    Action.REVIEW_CONFIRMED: _("%(actor)s heeft de herziening van %(object)s bevestigd."),
    Action.REVIEW_REMINDER_SENT: _("%(actor)s heeft een herinnering gestuurd voor de herziening van %(object)s."),
    Action.VERSION_ACKNOWLEDGED: _("%(actor)s heeft bevestigd %(object)s gelezen te hebben."),
    Action.ACKNOWLEDGEMENT_REMINDER_SENT: _("%(actor)s heeft een herinnering gestuurd om %(object)s te lezen."),
    Action.PDF_SIGNED: _("%(actor)s heeft %(object)s als PDF ondertekend."),
    Action.PDF_EXPORTED: _("%(actor)s heeft de ondertekende PDF van %(object)s uitgegeven."),
    Action.MR_DECISION_RECORDED: _("%(actor)s heeft het besluit van de MR over %(object)s vastgelegd."),
    Action.PARENTS_INFORMED: _("%(actor)s heeft de ouders geïnformeerd over %(object)s."),
}

FIELDS = {
    "number": _("versienummer"),
    "based_on": _("gebaseerd op versie"),
    "version": _("versie"),
    "versie": _("versie"),
    "title": _("titel"),
    "parent": _("bovenliggend hoofdstuk"),
    "children": _("onderliggende hoofdstukken"),
    "direction": _("richting"),
    "order": _("volgorde"),
    "comment": _("toelichting"),
    "by": _("vervangen door versie"),
    "superseded": _("vervangt versie"),
    "next_review_on": _("volgende herziening"),
    "milestone": _("moment"),
    "recipients": _("ontvangers"),
    "via": _("via"),
    "outcome": _("uitkomst"),
    "decided_on": _("besloten op"),
    "count": _("aantal"),
}
