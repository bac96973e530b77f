"""Loa started in another process, as a server starts: with other settings,
or on the test's own database."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": settings.DATABASES["default"]["NAME"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "shared_cache": settings.CACHES["shared"]["BACKEND"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "media": settings.STORAGES["default"]["BACKEND"],
    "hosts": settings.ALLOWED_HOSTS,
    "debug": settings.DEBUG,
    "public_url": settings.LOA_PUBLIC_URL,
    "admin_base_url": settings.WAGTAILADMIN_BASE_URL,
    "api_base_url": settings.WAGTAILAPI_BASE_URL,
}))
"""


# Every deployment names its public address; a test that checks what happens
# without one passes LOA_PUBLIC_URL="".
PUBLIC_URL = "https://loa.example"


def run_with_settings(module, code=PRINT_SETTINGS, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "MEDIA_S3_BUCKET"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=module,
        PYTHONPATH=f"{ROOT}:{ROOT / 'site'}",
        LOA_PUBLIC_URL=PUBLIC_URL,
    )
    env.update(environment)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def database_url() -> str:
    """The test database, which the servers must share with this test."""
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
