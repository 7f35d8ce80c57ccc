"""How the protocol's audit actions read on the audit page (registered in apps.py, see `audit.register`)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "policy.start_draft": _("%(actor)s heeft een nieuw concept gestart: %(object)s."),
    "policy.update_details": _("%(actor)s heeft de gegevens van %(object)s gewijzigd."),
    "policy.add_section": _("%(actor)s heeft %(object)s toegevoegd."),
    "policy.update_section": _("%(actor)s heeft %(object)s gewijzigd."),
    "policy.delete_section": _("%(actor)s heeft %(object)s verwijderd."),
    "policy.move_section": _("%(actor)s heeft %(object)s verplaatst."),
    "policy.discard_draft": _("%(actor)s heeft het concept %(object)s weggegooid."),
    "policy.adopt": _("%(actor)s heeft %(object)s vastgesteld."),
    "policy.return_to_concept": _("%(actor)s heeft %(object)s teruggezet naar concept."),
    "policy.approve": _("%(actor)s heeft %(object)s goedgekeurd."),
    "policy.supersede": _("%(actor)s heeft %(object)s laten vervallen door een nieuwe versie."),
    "policy.publish": _("%(actor)s heeft %(object)s gepubliceerd."),
    "policy.record_review": _("%(actor)s heeft een herziening zonder wijzigingen vastgelegd voor %(object)s."),
    "policy.confirm_review": _("%(actor)s heeft de herziening van %(object)s bevestigd."),
    "policy.review_reminder": _("%(actor)s heeft een herinnering gestuurd voor de herziening van %(object)s."),
    "policy.acknowledge": _("%(actor)s heeft bevestigd %(object)s gelezen te hebben."),
    "policy.acknowledgement_reminder": _("%(actor)s heeft een herinnering gestuurd om %(object)s te lezen."),
    "policy.pdf_signed": _("%(actor)s heeft %(object)s als PDF ondertekend."),
    "policy.pdf_exported": _("%(actor)s heeft de ondertekende PDF van %(object)s uitgegeven."),
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
}
