"""Settings for the Julianaschool portal.

One file, read from the environment (django-environ). The defaults are for a developer's
machine (`make run`): SQLite under var/, mail to the console. Production sets DEBUG=false,
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL) and EMAIL_URL.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="development-only-not-a-secret")
else:
    # Refuse to start a production server with a guessable key.
    SECRET_KEY = env("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "julianaschool",
    "policy",
    "consent",
    "incidents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "julianaschool.middleware.SessionRefreshMiddleware",
    "julianaschool.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL character in a query or form is refused with 400 before any view reads it.
    "julianaschool.security.middleware.RejectNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the login check: a signed-in user who still owes a TOTP code only reaches the
    # verification and enrolment pages.
    "julianaschool.security.middleware.TwoFactorMiddleware",
    # Last, as django-axes asks: it turns a flagged failed login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "julianaschool.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "julianaschool.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "julianaschool.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the dev server and a management command write side by side.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "julianaschool.security.passwords.DutchPasswordValidator"},
]
# The lock-out check runs before the password check (see julianaschool.security.lockout.LockoutBackend).
AUTHENTICATION_BACKENDS = [
    "julianaschool.security.lockout.LockoutBackend",
    # Django's ModelBackend, loading the request's user with roles and records in two queries.
    "julianaschool.security.PortalModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads (paper consent forms, incident attachments, letters) hold children's data: they live
# outside every public path and are only served through views that check access.
MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
MEDIA_URL = None
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Basisschool Prinses Juliana <noreply@julianaschool.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Mail is sent by a background worker (`manage.py db_worker`, django-tasks' database backend).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Seconds to wait before each retry of a mail the mail server refused; after the last, it is failed.
MAIL_RETRY_DELAYS = [60, 600, 3600]
# Mail that is not urgent waits in weekends, holidays and before this hour for the next school day.
MAIL_QUIET_HOURS = env.bool("MAIL_QUIET_HOURS", default=True)
MAIL_QUIET_UNTIL = "07:30"
# Used to build absolute links in e-mails sent outside a request (cron commands).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

SCHOOL_NAME = "Basisschool Prinses Juliana"
SCHOOL_FOUNDATION = "Stichting Sint Josephscholen, Nijmegen"
# The school's logo and favicon: static files (replace them, or point these at the school's own).
SCHOOL_LOGO = env("SCHOOL_LOGO", default="img/logo.svg")
SCHOOL_FAVICON = env("SCHOOL_FAVICON", default="img/favicon.svg")
# Where the school's name in the header leads people who are not signed in (a URL name).
PUBLIC_HOME_URL = "policy:current"
# The school's postal address as the lines of the letterhead (decision letters):
# SCHOOL_ADDRESS="street and number|postcode town" in the environment. No default: a letter must
# not carry an invented address (the letterhead then shows the school's name only).
SCHOOL_ADDRESS = [line.strip() for line in env("SCHOOL_ADDRESS", default="").split("|") if line.strip()]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Each app contributes sections to the dashboard and items to the navigation through one
# function; the core calls them in this order without knowing what they show.
PORTAL_DASHBOARD_PROVIDERS = [
    "julianaschool.dashboard.sections",
    "policy.dashboard.sections",
    "consent.dashboard.sections",
    "consent.publications.dashboard.sections",
    "incidents.dashboard.sections",
    "julianaschool.security.views.dashboard_sections",
]
# A nav provider decides by the user's roles only: the menu is cached per role set and language.
PORTAL_NAV_PROVIDERS = [
    "julianaschool.dashboard.nav_items",
    "policy.dashboard.nav_items",
    "consent.dashboard.nav_items",
    "consent.publications.dashboard.nav_items",
    "incidents.dashboard.nav_items",
    "julianaschool.security.views.nav_items",
]
# The apps that keep records about people who left; retention (julianaschool/retention.py) asks
# each what goes after its period and lets it delete that, in this order.
PORTAL_RETENTION_PROVIDERS = ["consent.retention", "incidents.retention"]
# The mail offered at the end of "Nieuw schooljaar" (consent's yearly check): how many it would
# reach, and the service that sends it (called with actor=).
PORTAL_NEW_YEAR_MAIL = {"count": "consent.services.yearly_check_count", "send": "consent.services.send_yearly_check"}
# Menu entries that share one dropdown, so that the menu fits one line on a laptop: every item
# of a listed provider joins the group, and an item may name its group itself ("group": key).
PORTAL_NAV_GROUPS = {
    "consent": {"label": _("Toestemming"),
                "providers": ["consent.dashboard.nav_items", "consent.publications.dashboard.nav_items"]},
    "office": {"label": _("Beheer")},
}

# The board's key and certificate for the signed protocol PDF, as one PKCS#12 file.
# `manage.py create_signing_certificate` makes a self-signed one for demo and development; a school
# points SIGNING_PKCS12_PATH at the file its certificate authority issued (README). The file lives
# outside every public path; an empty passphrase means an unencrypted file (development only).
SIGNING_PKCS12_PATH = env.path("SIGNING_PKCS12_PATH", default=VAR_DIR / "signing" / "board.p12")
SIGNING_PKCS12_PASSPHRASE = env("SIGNING_PKCS12_PASSPHRASE", default="")
# An RFC 3161 timestamp server; empty: the signature carries the signing time without a timestamp.
SIGNING_TIMESTAMP_URL = env("SIGNING_TIMESTAMP_URL", default="")
# The medezeggenschapsraad's advice or consent is recorded before the board approves a protocol
# version (directie can also ask it for one version); off by default.
PROTOCOL_MR_STEP = env.bool("PROTOCOL_MR_STEP", default=False)

LINK_CODE_VALID_DAYS = env.int("LINK_CODE_VALID_DAYS", default=14)
# How long a new staff or board member's set-password link works (julianaschool.staff_services).
STAFF_INVITATION_VALID_DAYS = env.int("STAFF_INVITATION_VALID_DAYS", default=7)
# From which month the office plans the next school year ("Nieuw schooljaar", year_services).
NEW_YEAR_PLAN_FROM_MONTH = env.int("NEW_YEAR_PLAN_FROM_MONTH", default=6)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 2)
# The session is written when it changes, not on every request. Its expiry after inactivity is
# kept by julianaschool.middleware.SessionRefreshMiddleware, which writes it again at most every
# SESSION_REFRESH_SECONDS: a session ends between SESSION_COOKIE_AGE minus that and
# SESSION_COOKIE_AGE after the last request, never later.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=5 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lock-out after repeated failed logins (django-axes): per account and, separately, per address.
# A locked account or address opens again after AXES_COOLOFF_MINUTES, or when administratie
# unlocks it on /beveiliging/blokkades/.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# Not reset by a good login: attempts are counted per account and address, so one attacker's
# successful login to their own account would wipe the failures they caused on others.
# Failures older than the cool-off period no longer count.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "julianaschool.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "julianaschool.security.lockout.client_ip"
AXES_USERNAME_CALLABLE = "julianaschool.security.lockout.attempted_username"
# How many reverse proxies in front of the portal append to X-Forwarded-For (0: none, use the
# connection's address). Set it to 1 behind one nginx, or the whole school shares one address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_VERBOSE = False

# Two-factor login (TOTP, django-otp): optional for everyone; with REQUIRE_2FA on, directie and
# bestuur must enrol and give a code after their password.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=False)
REQUIRE_2FA_ROLES = ["directie", "bestuur"]
OTP_TOTP_ISSUER = "Julianaschool"

# Content Security Policy (django-csp 4): only the portal's own scripts, styles and images;
# nothing inline, no framing, no plugins. Templates keep JS in static/js and CSS in static/css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    },
}

# AVG retention (manage.py apply_retention, daily from cron): years after a pupil or staff member
# left. Consent records and paper forms go after RETENTION_CONSENT_YEARS, incident dossiers after
# RETENTION_INCIDENT_YEARS, and then the person is anonymised after RETENTION_PEOPLE_YEARS (which
# must be at least the other two).
RETENTION_CONSENT_YEARS = env.int("RETENTION_CONSENT_YEARS", default=2)
RETENTION_INCIDENT_YEARS = env.int("RETENTION_INCIDENT_YEARS", default=5)
RETENTION_PEOPLE_YEARS = env.int("RETENTION_PEOPLE_YEARS", default=5)

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# How far back earlier measures count when the portal proposes the next step on a ladder.
INCIDENTS_LADDER_MONTHS = env.int("INCIDENTS_LADDER_MONTHS", default=12)
# How quickly the portal's proposal climbs the ladders (incidents/ladders.py holds their steps; every
# proposal explains which of these rules it followed). "needs": how many measures of the step below
# a person must have had within "months" before the next step is proposed (None: never proposed);
# pupils younger than "young_age" follow "young_pupil". A verwijdering is never proposed after fewer
# than 2 schorsingen, whatever is set here.
INCIDENTS_LADDER = {
    "months": INCIDENTS_LADDER_MONTHS,
    "young_age": 8,
    "needs": {
        "pupil": {"schorsing": 2, "verwijdering": 2},
        "young_pupil": {"schorsing": 3, "verwijdering": None},
        "guardian": {"schorsing": 1},
        "staff": {"schriftelijke_berisping": 1, "schorsing": 1, "ontslag": 1},
    },
    # For a serious incident ("ernstig") these steps need one measure fewer of the step below.
    "serious_needs_one_less": ["schorsing"],
    # A light incident ("licht") is never proposed a heavier step than the person already had.
    "light_does_not_climb": True,
}

# Two guardians who disagree: "most_restrictive" (a no by either is a no) or "latest" (the most
# recent answer counts).
CONSENT_GUARDIAN_RULE = env("CONSENT_GUARDIAN_RULE", default="most_restrictive")

# A takedown (a publication shows someone who may no longer be shown) is due this many school days on.
PUBLICATIONS_TAKEDOWN_SCHOOL_DAYS = env.int("PUBLICATIONS_TAKEDOWN_SCHOOL_DAYS", default=5)
