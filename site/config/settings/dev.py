"""Settings for a developer's machine and `make demo`: debug on, embedded SQLite."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Nothing is collected in development: whitenoise serves from the finders.
STATIC_ROOT = None
