"""What the incidents pages share: who may report, and the list filters."""

from django.db.models import Q

from julianaschool.models import ClassGroup, Role, SchoolYear

REPORTERS = (Role.MANAGEMENT, Role.TEACHER, Role.OFFICE, Role.STAFF)


def name_match(words: list[str], prefix: str) -> Q:
    match = Q()
    for word in words:
        match &= (Q(**{f"{prefix}first_name__icontains": word}) | Q(**{f"{prefix}tussenvoegsel__icontains": word})
                  | Q(**{f"{prefix}last_name__icontains": word}))
    return match


def list_filters(request) -> tuple[str, list[str], int | None, list[tuple[int, str]]]:
    """The list filters: a name (at most 5 words) and one of this school year's groups (its id).
    The groups come as (id, name) pairs: a stichting's 200 of them fill a dropdown on every
    list page, and model instances made it the page's cost that grew with the school."""
    query = request.GET.get("q", "").strip()[:100]
    school_year = SchoolYear.objects.current()
    groups = list(ClassGroup.objects.filter(school_year=school_year).values_list("pk", "name")) if school_year else []
    group = next((pk for pk, _name in groups if str(pk) == request.GET.get("groep", "")), None)
    return query, query.split()[:5], group, groups
