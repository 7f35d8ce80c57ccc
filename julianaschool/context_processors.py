from functools import cache

from django.conf import settings
from django.urls import get_script_prefix
from django.utils import translation
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


_nav_cache: dict[tuple, list[dict]] = {}


def navigation(request) -> list[dict]:
    """The navigation for the user's roles, built once per role set and language: a nav provider
    decides by the user's roles alone (PORTAL_NAV_PROVIDERS), so its items can be reused."""
    key = (frozenset(roles_of(request.user)), translation.get_language(), get_script_prefix())
    items = _nav_cache.get(key)
    if items is None:
        items = _nav_cache[key] = collect("PORTAL_NAV_PROVIDERS", request)
    return [dict(item) for item in items]


def portal(request):
    """The school's name and the navigation this user may use, for base.html."""
    user = getattr(request, "user", None)
    nav = navigation(request) if user is not None and user.is_authenticated else []
    return {
        "school_name": settings.SCHOOL_NAME,
        "school_foundation": settings.SCHOOL_FOUNDATION,
        "portal_nav": nav,
        "portal_roles": roles_of(user) if user is not None else set(),
    }
