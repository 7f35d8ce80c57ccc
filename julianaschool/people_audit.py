"""The audit actions of the office's people pages (issue 14), as the audit trail reads them.

The services record these dotted names (`julianaschool.audit.record(action=...)`). `ACTIONS` maps each
to a sentence with `%(actor)s` and `%(object)s`, `FIELDS` names the change keys that are no model
field, in the form of `julianaschool.audit_labels` (for `audit.register(actions=..., fields=...)`).
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "people.staff.added": _("%(actor)s heeft %(object)s als medewerker toegevoegd."),
    "people.staff.changed": _("%(actor)s heeft de gegevens van %(object)s gewijzigd."),
    "people.staff.ended": _("%(actor)s heeft %(object)s uit dienst gemeld."),
    "people.staff.invited": _("%(actor)s heeft %(object)s een uitnodiging met wachtwoordlink gestuurd."),
    "people.staff.password_set": _("%(actor)s heeft via de uitnodiging een wachtwoord gekozen."),
    "people.board.added": _("%(actor)s heeft %(object)s aan het bestuur toegevoegd."),
    "people.board.changed": _("%(actor)s heeft de gegevens van %(object)s gewijzigd."),
    "people.board.ended": _("%(actor)s heeft vastgelegd dat %(object)s is afgetreden."),
    "people.group.created": _("%(actor)s heeft %(object)s aangemaakt."),
    "people.group.changed": _("%(actor)s heeft %(object)s gewijzigd."),
    "people.group.ended": _("%(actor)s heeft %(object)s opgeheven."),
    "people.group.teacher_assigned": _("%(actor)s heeft een leerkracht toegevoegd aan %(object)s."),
    "people.group.teacher_role_changed": _("%(actor)s heeft de rol van een leerkracht in %(object)s gewijzigd."),
    "people.group.teacher_unassigned": _("%(actor)s heeft een leerkracht uit %(object)s gehaald."),
    "people.pupil.registered": _("%(actor)s heeft %(object)s ingeschreven."),
    "people.pupil.changed": _("%(actor)s heeft de gegevens van %(object)s gewijzigd."),
    "people.pupil.moved": _("%(actor)s heeft %(object)s naar een andere groep verplaatst."),
    "people.guardian.added": _("%(actor)s heeft %(object)s aangemaakt."),
    "people.guardian.linked": _("%(actor)s heeft een ouder/verzorger gekoppeld aan %(object)s."),
    "people.guardian.removed": _("%(actor)s heeft een ouder/verzorger ontkoppeld van %(object)s."),
    "people.guardian.changed": _("%(actor)s heeft de gegevens van %(object)s gewijzigd."),
    "people.guardian.invited_in_bulk": _("%(actor)s heeft alle ouders zonder account uitgenodigd."),
    "people.year_plan.proposed": _("%(actor)s heeft een voorstel gemaakt: %(object)s."),
    "people.year_plan.edited": _("%(actor)s heeft %(object)s bijgewerkt."),
    "people.year_plan.reopened": _("%(actor)s heeft %(object)s heropend."),
    "people.year_plan.saved": _("%(actor)s heeft %(object)s opgeslagen: het nieuwe schooljaar staat klaar."),
    "people.year_plan.saved_again": _("%(actor)s heeft %(object)s opnieuw opgeslagen."),
    "people.year_plan.started": _("%(actor)s heeft het nieuwe schooljaar gestart volgens %(object)s."),
}

FIELDS = {
    "functie": _("functie"),
    "rollen": _("rollen"),
    "rollen gegeven": _("rollen gegeven"),
    "rollen afgenomen": _("rollen afgenomen"),
    "uit dienst op": _("uit dienst op"),
    "uit groepen": _("uit groepen"),
    "geldig tot": _("geldig tot"),
    "afgetreden op": _("afgetreden op"),
    "voorzitter": _("voorzitter"),
    "jaargroepen": _("jaargroepen"),
    "opgeheven op": _("opgeheven op"),
    "rol": _("rol"),
    "vanaf": _("vanaf"),
    "reden": _("reden"),
    "aantal": _("aantal"),
    "groepen": _("groepen"),
    "leerlingen": _("leerlingen"),
    "vertrekken": _("vertrekken"),
    "vertrokken": _("vertrokken"),
}
