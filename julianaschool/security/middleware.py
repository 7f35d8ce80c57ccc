"""The request checks of login protection: NUL characters refused early, and a session between
password and code kept on the verification pages."""

from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .two_factor import has_second_factor, owes_second_factor


class RejectNullCharactersMiddleware:
    """A NUL character in a query string or form field is never a real answer: 400, early.

    Django's form fields refuse it, but a view that reads request.GET directly (a filter, a
    page number) would hand it to PostgreSQL, which refuses it with an error (a 500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or "\x00" in value
                                           for key, values in request.GET.lists() for value in values):
            return HttpResponseBadRequest(_("Ongeldig teken in het verzoek."))
        # Form posts are looked at in their raw bytes: parsing request.POST here would stop a view
        # from choosing its own upload handlers. (Multipart fields go through the forms, whose
        # fields refuse NUL themselves.)
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            body = request.body
            if b"\x00" in body or b"%00" in body:
                return HttpResponseBadRequest(_("Ongeldig teken in het verzoek."))
        return self.get_response(request)


# Pages a user who still owes a code may reach: the two-factor pages themselves and logging out.
OTP_EXEMPT_URL_NAMES = {"security:otp_verify", "security:otp_setup", "logout", "set_language"}


class TwoFactorMiddleware:
    """Between password and code, a session may only reach the code and enrolment pages.

    Public pages (marked `login_not_required`) stay reachable; everything else sends the user
    to the verification page, or to enrolment when the school requires a code they have no app for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OTP_EXEMPT_URL_NAMES:
            return None
        if not owes_second_factor(user):
            return None
        if not getattr(view_func, "login_required", True):
            # A public page sees a half-finished login as a visitor: no role (see access.roles_of),
            # no account to add a koppelcode's children to.
            request.user = AnonymousUser()
            return None
        target = "security:otp_verify" if has_second_factor(user) else "security:otp_setup"
        response = redirect(target)
        response["Location"] += "?next=" + _safe_next(request)
        return response


def _safe_next(request) -> str:

    return quote(request.get_full_path(), safe="/")
