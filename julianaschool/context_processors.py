from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.module_loading import import_string

from .access import roles_of


@cache
def _providers(setting: str) -> list:
    return [import_string(path) for path in getattr(settings, setting)]


def _nav_group_of_provider() -> dict:
    """provider path -> group key, from PORTAL_NAV_GROUPS."""
    return {path: key for key, group in settings.PORTAL_NAV_GROUPS.items() for path in group.get("providers", [])}


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
        items = _nav_cache[key] = _grouped(_nav_items(request))
    return [{**item, "submenu": [dict(i) for i in item["submenu"]]} if "submenu" in item else dict(item) for item in items]


def _nav_items(request) -> list[dict]:
    groups = _nav_group_of_provider()
    items = []
    for path in settings.PORTAL_NAV_PROVIDERS:  # once per role set and language (see navigation)
        for item in import_string(path)(request):
            items.append({"group": groups.get(path), **item})
    return items


def _grouped(items: list[dict]) -> list[dict]:
    """Items that name a group of PORTAL_NAV_GROUPS (themselves, or through their provider) fold
    into one menu entry with a dropdown, where the group's first item stood; a group that has a
    single item for this user stays a plain link."""
    members: dict[str, list[dict]] = {}
    for item in items:
        if item.get("group") in settings.PORTAL_NAV_GROUPS:
            members.setdefault(item["group"], []).append(item)
    result, placed = [], set()
    for item in items:
        group = item.get("group")
        if group not in members or len(members[group]) == 1:
            result.append(item)
        elif group not in placed:
            placed.add(group)
            result.append({"label": str(settings.PORTAL_NAV_GROUPS[group]["label"]), "key": group,
                           "submenu": members[group]})
    return result


def _mark_active(entries: list[dict], path: str) -> list[dict]:
    for entry in entries:
        if "submenu" in entry:
            _mark_active(entry["submenu"], path)
            entry["active"] = any(item["active"] for item in entry["submenu"])
        else:
            prefix = entry.get("active_prefix")
            entry["active"] = bool(prefix) and prefix in path
    return entries


def portal(request):
    """The school's name and the navigation this user may use, for base.html."""
    user = getattr(request, "user", None)
    nav = _mark_active(navigation(request), request.path) if user is not None and user.is_authenticated else []
    return {
        "school_name": settings.SCHOOL_NAME,
        "school_logo": settings.SCHOOL_LOGO,
        "school_favicon": settings.SCHOOL_FAVICON,
        # Where the school's name leads: the dashboard once signed in, the public protocol before.
        "brand_url": reverse("dashboard") if user is not None and user.is_authenticated else reverse(settings.PUBLIC_HOME_URL),
        "school_foundation": settings.SCHOOL_FOUNDATION,
        "portal_nav": nav,
        "portal_roles": roles_of(user) if user is not None else set(),
    }
