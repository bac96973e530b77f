"""Backups hold the session photos, from their private folder: a restore
brings them back to it exactly (checked first, as the media folder is), and
an archive whose photos are missing or damaged changes nothing."""

import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from campaigns.models import SessionPhoto
from tests.backup_archives import member, rewrite
from tests.officer_screens import NEW, post_data
from tests.phone_photos import phone_upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def photo(client, officer, setting) -> SessionPhoto:
    """A session logged from the officer's form with a photo, whose
    thumbnail was looked at."""
    client.force_login(officer)
    data = post_data(*setting)
    data["photo"] = phone_upload()
    assert client.post(NEW, data).status_code == 302
    photo = SessionPhoto.objects.get()
    assert client.get(photo.thumbnail_url).status_code == 200
    return photo


def private_files() -> dict[str, bytes]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def backup(tmp_path) -> Path:
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("loa-*.tar.gz")
    return archive


def test_a_restore_brings_the_session_photos_back(tmp_path, photo, client, officer):
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    backed_up = private_files()
    assert len(backed_up) == 2  # the photo and its thumbnail
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert sorted(manifest["private media"]) == sorted(backed_up)
    assert manifest["counts"]["private media files"] == 2
    assert manifest["media"] == {}

    Path(photo.file.path).unlink()
    (private / "photos" / "since.jpg").write_bytes(b"added after the backup")
    call_command("restore", str(archive))

    assert private_files() == backed_up
    assert oct(private.stat().st_mode & 0o777) == oct(0o700)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    client.force_login(officer)
    response = client.get(SessionPhoto.objects.get().url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == backed_up[photo.file.name]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("drop", r"lacks private media files its manifest lists: photos/"),
        ("alter", r"holds damaged private media files .*: photos/"),
        ("add", r"holds private media files its manifest does not list: slipped"),
    ],
)
def test_an_archive_with_its_photos_missing_or_damaged_changes_nothing(
    tmp_path, photo, change, message
):
    archive = backup(tmp_path)
    stored = f"private-media/{photo.file.name}"
    changed = {
        "drop": lambda: rewrite(archive, drop=[stored]),
        "alter": lambda: rewrite(archive, replace={stored: b"altered"}),
        "add": lambda: rewrite(archive, add=[member("private-media/slipped.jpg")]),
    }[change]()
    before = private_files()
    photo.caption = "Đổi sau khi sao lưu"
    photo.save()
    with pytest.raises(CommandError, match=message) as refusal:
        call_command("restore", str(changed))
    assert str(refusal.value).endswith("Nothing was changed.")
    assert private_files() == before
    assert SessionPhoto.objects.get().caption == "Đổi sau khi sao lưu"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
