"""Full addresses for what leaves the portal (mail, PDFs, the API): the one place PORTAL_BASE_URL
is put in front of a path, so that a base configured with or without a trailing slash gives the
same link."""

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str, *, base_url: str | None = None) -> str:
    """`path` (from `reverse`, starting with "/") on PORTAL_BASE_URL, or on `base_url` when the
    caller knows the address the user came in on."""
    return (base_url or settings.PORTAL_BASE_URL).rstrip("/") + path


def absolute_reverse(name: str, *args) -> str:
    """`absolute_url(reverse(name, args=args))`."""
    return absolute_url(reverse(name, args=args))
