"""Settings shared by every environment. Anything that differs comes from the
environment in `production.py`."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import NONE, SELF

# Language settings are derived from the registry; imported names become settings.
from config.languages import (  # noqa: F401
    LANGUAGE_CODE,
    LANGUAGES,
    MODELTRANSLATION_DEFAULT_LANGUAGE,
    MODELTRANSLATION_FALLBACK_LANGUAGES,
    MODELTRANSLATION_LANGUAGES,
    register_lang_info,
)

# site/config/settings/base.py → the repository root.
BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

register_lang_info()

INSTALLED_APPS = [
    # modeltranslation must come before the apps whose models it translates;
    # its `migrate`/`makemigrations` add Wagtail's page title columns.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "web",
    "people",
    "operations",
    "locales",
    "content",
    "campaigns",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "web.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "web.language_prefixes.AdminAwareLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "campaigns.officer_entrance.OfficerEntranceMiddleware",
    "web.http_caching.PublicCachingMiddleware",
    "web.page_cache.PublicPageCacheMiddleware",
    "web.line_breaks.LineBreakMiddleware",
    "web.site_lookup.CachedSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "locales.context_processors.languages",
            ],
        },
    },
]


def database_from_environment() -> dict:
    """`DATABASE_URL` (PostgreSQL in scale-out), else the embedded SQLite file."""
    config = dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers work while one writer writes; IMMEDIATE takes the
            # write lock at BEGIN, so concurrent writers wait instead of failing.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
LOCALE_PATHS = [BASE_DIR / "locales" / "locale"]
# Grouped figures in Vietnamese (2.560.179): Django's own formats leave the
# grouping unset. USE_THOUSAND_SEPARATOR stays off, as it would group ids and
# years in every template; reports group their figures themselves.
FORMAT_MODULE_PATH = ["locales.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Session photos (personal data): beside the media folder, never inside it or
# anything a web server or whitenoise serves. Read only through the photo view.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", MEDIA_ROOT.parent / "private-media")
)


# Session photos: PRIVATE_MEDIA_ROOT, read only by the app's user, no URL.
SESSION_PHOTO_STORAGE = {
    "BACKEND": "campaigns.photo_storage.PrivateFileSystemStorage",
    "OPTIONS": {"file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "session_photos": SESSION_PHOTO_STORAGE,
}


REDIS_URL = os.environ.get("REDIS_URL")


def redis_cache() -> dict:
    """Redis, which every app server shares. If it goes down, pages are still
    served, from the database, and the failure is logged (web.shared_cache)."""
    return {
        "BACKEND": "web.shared_cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that does not answer must not hold a request for long.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    }


def shared_cache() -> dict:
    """What every process must see alike (the published generation, login
    failures): Redis, or without it a table in the database, which needs no
    server (`migrate` creates it)."""
    if REDIS_URL:
        return redis_cache()
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "loa_shared_cache",
        # Past this, expired rows go first, then a third of the rest; a lost
        # generation restarts from the clock, so culling is always safe.
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }


def nearby_cache() -> dict:
    """Everything else (whole pages and sites under the published generation,
    renditions, Wagtail's own values): Redis, or without it each process's
    memory, which is safe because what depends on publishing carries the
    shared generation in its key."""
    if REDIS_URL:
        return redis_cache()
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


CACHES = {
    "default": nearby_cache(),
    "shared": shared_cache(),
    # Wagtail looks image renditions up here before asking the database.
    "renditions": nearby_cache(),
}

# Anonymous visitors' pages stay cached this long at most; any publish
# starts a new cache generation at once (see content/published.py).
PUBLIC_PAGE_CACHE_SECONDS = 24 * 60 * 60
# The shared HTTP cache in front of the app servers (Varnish, or a CDN it
# stands for), where purges are sent: every publish, unpublish, move and
# privacy change purges the URLs it makes stale (web.front_cache).
SHARED_CACHE_URL = os.environ.get("LOA_SHARED_CACHE_URL", "")
# How long a browser keeps a public page, PDF or recording without asking
# again, and a shared cache in front before it asks with its ETag. A shared
# cache keeps nothing unless purges reach it: a withdrawn page must not stay
# served from a cache in front.
BROWSER_CACHE_SECONDS = int(os.environ.get("LOA_BROWSER_CACHE_SECONDS", "60"))
SHARED_CACHE_SECONDS = int(
    os.environ.get("LOA_SHARED_CACHE_SECONDS", "86400" if SHARED_CACHE_URL else "0")
)

# Public pages: nothing inline, nothing from elsewhere (see
# web.security_headers for the admin's allowances).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

WAGTAILADMIN_USER_LOGIN_FORM = "people.login_throttle.ThrottledLoginForm"
# Reverse proxies in front of the app servers, each appending to
# X-Forwarded-For: the client's address is read from there (see
# people.client_address). 0: the app servers face the clients themselves.
LOA_TRUSTED_PROXY_COUNT = 0
WAGTAIL_SITE_NAME = "Loa"


def public_address(value: str) -> str:
    """The site's public address as `scheme://host[:port]`, from what a
    deployment wrote in `LOA_PUBLIC_URL`."""
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"LOA_PUBLIC_URL is {value!r}: it must be the address the public "
            "reaches the site at, such as https://loa.example.gov.vn, with no "
            "path."
        )
    return f"{parts.scheme}://{parts.netloc}"


# Where the public reaches the site. Everything made outside a visit, or
# read elsewhere, starts with it: PDFs and their QR codes, field kits, the
# API's links, the admin's e-mails, the page head's alternates, the sitemap.
# Wagtail's own Site record is not used for this (see locales.public_address).
LOA_PUBLIC_URL = public_address(
    os.environ.get("LOA_PUBLIC_URL") or "http://127.0.0.1:8000"
)
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = LOA_PUBLIC_URL
if SHARED_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "shared": {
            "BACKEND": "web.front_cache.VarnishBackend",
            "LOCATION": SHARED_CACHE_URL,
        }
    }
# A session's attendance above this many people must be confirmed on its form
# (campaigns.plausibility): a village meeting is tens, a dialogue 150.
LOA_ATTENDANCE_CEILING = int(os.environ.get("LOA_ATTENDANCE_CEILING", "1000"))
# Photos from phones are large; anything bigger is refused with a form error.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.image_forms.CheckedImageForm"
# Documents are recordings and PDFs (checked for what they hold by the form);
# an hour of speech at 64 kbit/s is under 30 MB.
WAGTAILDOCS_EXTENSIONS = ["mp3", "ogg", "oga", "opus", "m4a", "wav", "flac", "pdf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 40 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "content.document_forms.CheckedDocumentForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# One slug per page in every language: the language lives in the URL prefix, so
# printed QR codes and links stay valid whichever translations exist.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False

# Loa's page translations are fields on one page (modeltranslation), not
# Wagtail's tree-per-locale i18n, so Wagtail's own i18n stays off.
WAGTAIL_I18N_ENABLED = False

# Background work (field kits): stored in the database, run by
# `manage.py db_worker` (`make run` starts one beside the web server).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        # Purges of the shared cache have a queue and a worker of their own:
        # they must not wait behind a field kit being built.
        "QUEUES": ["default", "purges"],
    }
}
# A build that has not reported progress for this long is taken as stopped
# (its worker ended) and shown as failed, so it can be built again. One item
# (a PDF) takes seconds; the margin covers a busy machine.
FIELD_KIT_STALE_SECONDS = int(os.environ.get("LOA_FIELD_KIT_STALE_SECONDS", "300"))
# Seconds a build waits after each item: 0 but in the tests that stop a
# worker in the middle of a build and need the middle to last.
FIELD_KIT_ITEM_PAUSE = float(os.environ.get("LOA_FIELD_KIT_ITEM_PAUSE", "0"))
