"""Production settings for bench/load.py, with one change: a fast password hasher.

Logging 416 accounts in with PBKDF2 (0.2 s of CPU each) would take a minute on a 2-core machine
before the load even starts; password hashing is not what the load test measures.
"""

from julianaschool.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
