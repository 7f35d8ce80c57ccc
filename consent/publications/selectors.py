"""Reads about publications that other consent pages show."""

from django.db.models import Prefetch

from .models import PublicationPerson, Takedown


def publications_to_adapt(submission) -> int:
    """How many publications the save `submission` put on the takedown list (0 for no submission)."""
    if not submission:
        return 0
    return Takedown.objects.filter(cause_submission=submission).values("publication").distinct().count()


def pupil_entries(pupil) -> list[PublicationPerson]:
    """Every entry of this pupil on a publication (recognisable or not), newest first, with its takedowns."""
    return list(
        PublicationPerson.objects.filter(pupil=pupil).select_related("publication__purpose")
        .prefetch_related(Prefetch("takedowns", queryset=Takedown.objects.select_related("done")))
        .order_by("-publication__published_on", "-publication_id")
    )
