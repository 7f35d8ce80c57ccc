"""Who sees what of incidents and dossiers: one helper per object kind, 404 to outsiders.

Directie sees everything; a teacher sees the incidents of pupils in their groups and those they
reported, but never a measure's content; bestuur sees personeelsdossiers only; parents see no
incident and no dossier at all. The people predicates (roles, taught groups) are the core's.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from julianaschool.access import has_role, is_directie, is_staff_member, taught_groups
from julianaschool.models import Pupil, Role, StaffMember

from .models import Attachment, DossierDocument, Incident, Measure


def can_report_incident(user) -> bool:
    """Every employee is bound by the protocol and may report what they saw."""
    return is_staff_member(user)


def pupils_of_taught_groups(user) -> QuerySet[Pupil]:
    return Pupil.objects.active().in_groups(taught_groups(user))


def incidents_visible_to(user):
    if is_directie(user):
        return Incident.objects.all()
    if not can_report_incident(user):
        return Incident.objects.none()
    own_pupils = pupils_of_taught_groups(user).values("pk")
    return Incident.objects.filter(Q(reported_by=user) | Q(parties__pupil__in=own_pupils)).distinct()


def incident_for(user, pk):
    """The incident, if the user reported it, teaches a pupil in it, or is directie; 404 otherwise."""
    return get_object_or_404(incidents_visible_to(user), pk=pk)


def sees_measures(user) -> bool:
    """Only directie reads measures, letters and the notes of others on an incident."""
    return is_directie(user)


def measure_for(user, pk):
    if not is_directie(user):
        raise Http404
    return get_object_or_404(Measure.objects.select_related("incident__category", "party__pupil", "party__guardian", "party__staff"), pk=pk)


def attachment_for(user, pk):
    return get_object_or_404(Attachment.objects.filter(incident__in=incidents_visible_to(user).values("pk")), pk=pk)


def dossier_pupils(user) -> QuerySet[Pupil]:
    """Whose leerlingendossier the user may open: all for directie, their groups' for a teacher."""
    if is_directie(user):
        return Pupil.objects.all()
    if has_role(user, Role.TEACHER):
        return pupils_of_taught_groups(user)
    return Pupil.objects.none()


def dossier_staff(user) -> QuerySet[StaffMember]:
    """Whose personeelsdossier the user may open: directie and bestuur (the employer) only."""
    if has_role(user, Role.MANAGEMENT, Role.BOARD):
        return StaffMember.objects.all()
    return StaffMember.objects.none()


def pupil_dossier_for(user, pk) -> Pupil:
    return get_object_or_404(dossier_pupils(user), pk=pk)


def staff_dossier_for(user, pk) -> StaffMember:
    return get_object_or_404(dossier_staff(user), pk=pk)


def sees_dossier_documents(user, *, staff: bool) -> bool:
    """Letters and correspondence: directie; bestuur for staff dossiers. A teacher never."""
    return is_directie(user) or (staff and has_role(user, Role.BOARD))


def dossier_document_for(user, pk):
    documents = DossierDocument.objects.none()
    if is_directie(user):
        documents = DossierDocument.objects.all()
    elif has_role(user, Role.BOARD):
        documents = DossierDocument.objects.filter(staff__isnull=False)
    return get_object_or_404(documents, pk=pk)


