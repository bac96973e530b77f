"""Production settings: everything that differs between deployments comes from
the environment. Refuses to start without a `SECRET_KEY` and the site's public
address, `LOA_PUBLIC_URL`."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: production settings need a long random secret in "
        "the SECRET_KEY environment variable."
    )

if not os.environ.get("LOA_PUBLIC_URL", "").strip():
    raise ImproperlyConfigured(
        "LOA_PUBLIC_URL is not set: production settings need the site's public "
        "address (such as https://loa.example.gov.vn) in the LOA_PUBLIC_URL "
        "environment variable. PDFs, QR codes, field kits, the API and e-mails "
        "link to it."
    )
LOA_PUBLIC_URL = public_address(os.environ["LOA_PUBLIC_URL"])  # noqa: F405
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = LOA_PUBLIC_URL

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "").split(",")
    if host.strip()
]
# The public address is always served: kits and PDFs are rendered for it.
if (public_host := urlsplit(LOA_PUBLIC_URL).hostname) not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(public_host)
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    "session_photos": SESSION_PHOTO_STORAGE,  # noqa: F405
}
if os.environ.get("MEDIA_S3_BUCKET"):
    # S3-compatible object storage, so several app servers share one media store.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
        },
    }

if os.environ.get("SESSION_PHOTOS_S3_BUCKET"):
    # A private bucket (or a prefix of one that is never made public): objects
    # written private, and any URL the storage makes signed and short-lived.
    # The photo view reads them through the app after checking who asks.
    STORAGES["session_photos"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["SESSION_PHOTOS_S3_BUCKET"],
            "location": os.environ.get("SESSION_PHOTOS_S3_PREFIX", ""),
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "custom_domain": None,
            "file_overwrite": False,
        },
    }

if media_domain := os.environ.get("MEDIA_S3_CUSTOM_DOMAIN"):
    # Images, recordings, PDFs and field kits come from the media domain.
    for directive in ("img-src", "media-src", "connect-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][directive].append(  # noqa: F405
            f"https://{media_domain}"
        )

# How many reverse proxies stand in front of the app servers (see
# people.client_address).
trusted_proxies = os.environ.get("LOA_TRUSTED_PROXY_COUNT", "0").strip()
if not (trusted_proxies.isascii() and trusted_proxies.isdigit()):
    raise ImproperlyConfigured(
        "LOA_TRUSTED_PROXY_COUNT must be a whole number, 0 or more: how many "
        "reverse proxies stand in front of the app servers."
    )
LOA_TRUSTED_PROXY_COUNT = int(trusted_proxies)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
