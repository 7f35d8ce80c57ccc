"""Settings for the Julianaschool portal.

One file, read from the environment (django-environ). The defaults are for a developer's
machine (`make run`): SQLite under var/, mail to the console. Production sets DEBUG=false,
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL) and EMAIL_URL.
"""

from pathlib import Path

import environ
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
    "julianaschool",
    "policy",
    "consent",
    "incidents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "julianaschool.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
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
# Used to build absolute links in e-mails sent outside a request (cron commands).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

SCHOOL_NAME = "Basisschool Prinses Juliana"
SCHOOL_FOUNDATION = "Stichting Sint Josephscholen, Nijmegen"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Each app contributes sections to the dashboard and items to the navigation through one
# function; the core calls them in this order without knowing what they show.
PORTAL_DASHBOARD_PROVIDERS = [
    "julianaschool.dashboard.sections",
    "policy.dashboard.sections",
    "consent.dashboard.sections",
    "incidents.dashboard.sections",
]
PORTAL_NAV_PROVIDERS = [
    "julianaschool.dashboard.nav_items",
    "policy.dashboard.nav_items",
    "consent.dashboard.nav_items",
    "incidents.dashboard.nav_items",
]

# The board's key and certificate for the signed protocol PDF, as one PKCS#12 file.
# `manage.py create_signing_certificate` makes a self-signed one for demo and development; a school
# points SIGNING_PKCS12_PATH at the file its certificate authority issued (README). The file lives
# outside every public path; an empty passphrase means an unencrypted file (development only).
SIGNING_PKCS12_PATH = env.path("SIGNING_PKCS12_PATH", default=VAR_DIR / "signing" / "board.p12")
SIGNING_PKCS12_PASSPHRASE = env("SIGNING_PKCS12_PASSPHRASE", default="")
# An RFC 3161 timestamp server; empty: the signature carries the signing time without a timestamp.
SIGNING_TIMESTAMP_URL = env("SIGNING_TIMESTAMP_URL", default="")

LINK_CODE_VALID_DAYS = env.int("LINK_CODE_VALID_DAYS", default=14)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 2)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

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

# Two guardians who disagree: "most_restrictive" (a no by either is a no) or "latest" (the most
# recent answer counts).
CONSENT_GUARDIAN_RULE = env("CONSENT_GUARDIAN_RULE", default="most_restrictive")
