from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

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


def _entry_html(item: dict) -> str:
    if "submenu" not in item:
        current = ' aria-current="page"' if item["active"] else ""
        return format_html('<li class="nav-item"><a class="nav-link{}" href="{}"{}>{}</a></li>',
                           " active" if item["active"] else "", item["url"], mark_safe(current), item["label"])  # noqa: S308
    links = format_html_join("", '<li><a class="dropdown-item{}" href="{}"{}>{}</a></li>', (
        (" active" if sub["active"] else "", sub["url"], mark_safe(' aria-current="page"' if sub["active"] else ""),  # noqa: S308
         sub["label"]) for sub in item["submenu"]))
    return format_html(
        '<li class="nav-item dropdown"><button class="nav-link dropdown-toggle{}" type="button" id="nav-group-{}" '
        'data-bs-toggle="dropdown" aria-expanded="false">{}</button>'
        '<ul class="dropdown-menu" aria-labelledby="nav-group-{}">{}</ul></li>',
        " active" if item["active"] else "", item["key"], item["label"], item["key"], links)


_nav_html_cache: dict[tuple, SafeString] = {}


def navigation_html(request) -> SafeString:
    """The menu's entries as HTML, made once per role set, language and current entry: every page
    shows it, and rendering it through the template cost more than the rest of base.html."""
    entries = _mark_active(navigation(request), request.path)
    active = tuple(e["active"] if "submenu" not in e else tuple(s["active"] for s in e["submenu"]) for e in entries)
    key = (frozenset(roles_of(request.user)), translation.get_language(), get_script_prefix(), active)
    html = _nav_html_cache.get(key)
    if html is None:
        html = _nav_html_cache[key] = mark_safe("".join(_entry_html(e) for e in entries))  # noqa: S308 - format_html
    return html


def portal(request):
    """The school's name and the navigation this user may use, for base.html."""
    user = getattr(request, "user", None)
    nav = navigation_html(request) if user is not None and user.is_authenticated else ""
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
