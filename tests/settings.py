"""The test run's settings: the project's one settings file, with what a test machine needs.

DEBUG stays off (as in production); only what cannot work without a proxy or is slow is changed.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")

from julianaschool.settings import *  # noqa: E402,F403

# Manifest storage needs collectstatic first; tests serve from the finders instead.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# The strong hasher costs ~0.2 s a login; the tests check rules, not hashing strength.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405
# No collectstatic in tests: WhiteNoise serves from the app finders, as under runserver.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks (mail) run at once in the test process; tests of the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
         "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Tests of other features must not depend on the hour they run; tests of quiet hours switch it on.
MAIL_QUIET_HOURS = False
# django.request logs every refused request (403, 404) as a warning with the exception's traceback;
# the role x URL matrix and the fuzz test make thousands of them on purpose, and formatting those
# tracebacks cost the suite seconds. Server errors (5xx) are still logged, with their traceback.
LOGGING = {**LOGGING, "loggers": {**LOGGING.get("loggers", {}), "django.request": {"level": "ERROR"}}}  # noqa: F405
