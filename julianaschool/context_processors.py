from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .access import roles_of


@cache
def _providers(setting: str) -> list:
    return [import_string(path) for path in getattr(settings, setting)]


def collect(setting: str, request) -> list[dict]:
    """Ask every app's provider named in `setting` for its items, in order."""
    items = []
    for provider in _providers(setting):
        items.extend(provider(request))
    return items


def portal(request):
    """The school's name and the navigation this user may use, for base.html."""
    user = getattr(request, "user", None)
    nav = collect("PORTAL_NAV_PROVIDERS", request) if user is not None and user.is_authenticated else []
    return {
        "school_name": settings.SCHOOL_NAME,
        "school_foundation": settings.SCHOOL_FOUNDATION,
        "portal_nav": nav,
        "portal_roles": roles_of(user) if user is not None else set(),
    }
