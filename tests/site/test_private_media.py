"""With production settings, session photos are kept where nothing serves
them: a folder outside the media and static folders, no route under
MEDIA_URL, no URL from their storage; or a private bucket whose URLs are
signed and short-lived. Each case runs in a fresh interpreter, as a server
would start."""

import json

from tests.processes import run_with_settings

WHERE_PHOTOS_ARE = """
import json, django
from pathlib import Path
from django.conf import settings
django.setup()
from django.urls import Resolver404, resolve
from campaigns.models import SessionPhoto

def served(path):
    try:
        return resolve(path).func.__module__
    except Resolver404:
        return None

def url_of(name):
    try:
        return SessionPhoto.file.field.storage.url(name)
    except NotImplementedError as error:
        return str(error)

private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
public = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT),
          *map(Path, settings.STATICFILES_DIRS)]

def overlap(a, b):
    return a.is_relative_to(b) or b.is_relative_to(a)

print(json.dumps({
    "storage": settings.STORAGES["session_photos"],
    "private": str(private),
    "inside a public folder": [
        str(root) for root in public if overlap(private, root.resolve())
    ],
    "media route": served(settings.MEDIA_URL + "photos/0a1b.jpg"),
    "photo route": served("/vi/officer/photos/1/"),
    "url": url_of("photos/0a1b.jpg"),
}, default=str))
"""


def test_production_keeps_session_photos_where_nothing_serves_them(tmp_path):
    result = run_with_settings(
        "config.settings.production",
        WHERE_PHOTOS_ARE,
        SECRET_KEY="x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["private"] == str(tmp_path / "private-media")
    assert loaded["inside a public folder"] == []
    assert loaded["media route"] is None
    assert loaded["photo route"] == "campaigns.views.photos"
    assert loaded["url"].startswith("Session photos have no public address")


def test_production_can_keep_session_photos_in_a_private_bucket(tmp_path):
    result = run_with_settings(
        "config.settings.production",
        WHERE_PHOTOS_ARE,
        SECRET_KEY="x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_S3_BUCKET="loa-media",
        MEDIA_S3_CUSTOM_DOMAIN="media.loa.example",
        SESSION_PHOTOS_S3_BUCKET="loa-private",
        SESSION_PHOTOS_S3_PREFIX="session-photos",
        MEDIA_S3_REGION="ap-southeast-1",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="example-secret",  # noqa: S106
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    options = loaded["storage"]["OPTIONS"]
    assert loaded["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "loa-private"
    assert options["location"] == "session-photos"
    assert options["default_acl"] == "private"
    assert options["custom_domain"] is None
    # Not the public media domain: a URL made for a photo is signed, and
    # expires.
    url = loaded["url"]
    assert "loa-private" in url and "media.loa.example" not in url
    assert "session-photos/photos/0a1b.jpg" in url
    assert "Signature=" in url and "Expires=" in url
