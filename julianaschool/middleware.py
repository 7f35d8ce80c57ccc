import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class DutchFirstLocaleMiddleware:
    """Dutch unless the visitor chose another language with the switch (the language cookie).

    Django's own LocaleMiddleware also follows the browser's Accept-Language; many Dutch parents
    have a phone set to English and would get an English portal around a Dutch protocol without
    having asked for it. So only an explicit choice counts, and this does only that (no URL
    prefixes, no Accept-Language): every request passes here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The language comes from a cookie: a shared cache must keep the two languages apart.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SessionRefreshMiddleware:
    """Keeps a signed-in session alive while it is used, without a write per request.

    With SESSION_SAVE_EVERY_REQUEST off, the session row is saved (and its expiry moved to
    SESSION_COOKIE_AGE from now) only when the session changes. This marks it changed when the
    last refresh is more than SESSION_REFRESH_SECONDS ago, so an active user is never logged out
    and an idle session still ends at most SESSION_COOKIE_AGE after its last request.
    """

    KEY = "_portal_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return self.get_response(request)


def mark_refreshed_at_login(sender, request, user, **kwargs):
    """A login writes the session anyway: it counts as its first refresh."""
    if request is not None and hasattr(request, "session"):
        request.session[SessionRefreshMiddleware.KEY] = int(time.time())
