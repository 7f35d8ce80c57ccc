"""Login protection: passwords, lock-out after failed logins (django-axes), two-step verification
(TOTP), their middleware, pages and URLs.

    middleware.py   NUL characters refused; a session between password and code kept on the code pages
    passwords.py    the portal's password rule
    lockout.py      axes' hooks, the current locks, unlocking
    backends.py     the lean user loader (PortalModelBackend)
    two_factor.py   who owes a code; enrolling, verifying, switching off
    views.py, urls.py, forms.py  the pages
"""

# Django stores the dotted path of the backend that logged a user in, in their session: this
# name must keep resolving, or every signed-in user is signed out at the next deployment.
from .backends import PortalModelBackend  # noqa: F401
