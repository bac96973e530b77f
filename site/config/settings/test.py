"""Settings for the test suite: fast hashing, plain static storage, local cache.

`DATABASE_URL` and `REDIS_URL` still apply, so the same suite runs against
PostgreSQL and Redis.
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
# Not the test client's host, so that a test shows which address a link took.
LOA_PUBLIC_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "https://loa.example"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "loa.example"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="loa-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="loa-test-private-media-"))

# A shared Redis must not mix keys between test runs.
for cache in CACHES.values():  # noqa: F405
    cache["KEY_PREFIX"] = f"loa-test-{os.getpid()}"

# Nothing is collected in tests: whitenoise serves from the finders.
STATIC_ROOT = None

# Tasks run at once, inside the request that queues them.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "purges"],
    }
}
