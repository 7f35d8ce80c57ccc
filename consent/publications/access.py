"""Who may see or change publications and takedowns.

Every employee may check and register (the protocol makes whoever posts responsible). A
publisher sees their own publications and takedowns; directie sees all; a guardian sees the
publications of their own child on the child's page. Others get 404 for an object.
"""

from django.shortcuts import get_object_or_404

from julianaschool import access

from .models import Publication, Takedown


def can_publish(user) -> bool:
    return access.is_staff_member(user)


def publications_visible_to(user):
    if access.is_directie(user):
        return Publication.objects.all()
    if not can_publish(user):
        return Publication.objects.none()
    return Publication.objects.filter(published_by=user)


def takedowns_visible_to(user):
    if access.is_directie(user):
        return Takedown.objects.all()
    if not can_publish(user):
        return Takedown.objects.none()
    return Takedown.objects.filter(assigned_to=user)


def publication_for(user, pk) -> Publication:
    """A publication its publisher or directie may open; 404 for everyone else."""
    return get_object_or_404(publications_visible_to(user).select_related("purpose", "replaces"), pk=pk)


def takedown_for(user, pk) -> Takedown:
    """A takedown assigned to this user, or any for directie; 404 for everyone else."""
    return get_object_or_404(
        takedowns_visible_to(user).select_related("publication__purpose", "entry__pupil", "entry__staff"), pk=pk)
