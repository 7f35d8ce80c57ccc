"""The audit actions of the office's people pages (issue 14), each with the label the audit trail shows.

The services record these dotted names (`julianaschool.audit.record(action=...)`); a page that
shows the trail reads the sentence here instead of the code name.
"""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "people.staff.added": _("medewerker toegevoegd"),
    "people.staff.changed": _("medewerker gewijzigd"),
    "people.staff.ended": _("medewerker uit dienst gemeld"),
    "people.staff.invited": _("uitnodiging met wachtwoordlink verstuurd"),
    "people.staff.password_set": _("wachtwoord gekozen via de uitnodiging"),
    "people.board.added": _("bestuurslid toegevoegd"),
    "people.board.changed": _("bestuurslid gewijzigd"),
    "people.board.ended": _("bestuurslid afgetreden"),
    "people.group.created": _("groep aangemaakt"),
    "people.group.changed": _("groep gewijzigd"),
    "people.group.ended": _("groep opgeheven"),
    "people.group.teacher_assigned": _("leerkracht aan groep toegevoegd"),
    "people.group.teacher_role_changed": _("rol van leerkracht in groep gewijzigd"),
    "people.group.teacher_unassigned": _("leerkracht uit groep gehaald"),
    "people.pupil.registered": _("leerling ingeschreven"),
    "people.pupil.changed": _("leerling gewijzigd"),
    "people.pupil.moved": _("leerling naar andere groep"),
    "people.guardian.added": _("ouder/verzorger aangemaakt"),
    "people.guardian.linked": _("ouder/verzorger aan kind gekoppeld"),
    "people.guardian.removed": _("ouder/verzorger van kind ontkoppeld"),
    "people.guardian.changed": _("gegevens van ouder/verzorger gewijzigd"),
    "people.guardian.invited_in_bulk": _("ouders zonder account uitgenodigd"),
    "people.year_plan.proposed": _("voorstel voor het nieuwe schooljaar gemaakt"),
    "people.year_plan.edited": _("plan voor het nieuwe schooljaar bijgewerkt"),
    "people.year_plan.reopened": _("plan voor het nieuwe schooljaar heropend"),
    "people.year_plan.saved": _("plan voor het nieuwe schooljaar opgeslagen"),
    "people.year_plan.saved_again": _("plan voor het nieuwe schooljaar opnieuw opgeslagen"),
    "people.year_plan.started": _("nieuw schooljaar gestart"),
}
