"""A backup restored into a fresh database and media folder, or over a site that
changed since, brings back every page, translation state, session, material use
and media file and nothing else; a file that is not a backup, or of another
database engine, is refused and changes nothing. Backups are readable by their
owner only. (Archives damaged in other ways: test_restore_refusals.py.)"""

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from wagtail.models import Page

import pytest

from campaigns.models import MaterialUse, OutreachSession
from locales.workflow import record_translation, review
from tests.backup_archives import older, rewrite
from tests.factories import CampaignFactory, PolicyExplainerPageFactory, area
from tests.processes import database_url

ROOT = Path(__file__).parents[2]
READ_BACK = """
import json
from django.core.files.storage import default_storage
from wagtail.models import Page
from campaigns.models import MaterialUse, OutreachSession
from locales.states import states_for
from content.models import PolicyExplainerPage
piece = PolicyExplainerPage.objects.get()
print(json.dumps({
    "titles": sorted(Page.objects.values_list("title", flat=True)),
    "state": states_for([piece])[(piece.pk, "summary", "en")].state.value,
    "attendance": list(OutreachSession.objects.values_list("attendance", flat=True)),
    "uses": list(MaterialUse.objects.values_list("language", "quantity")),
    "leaflet": default_storage.open("documents/to-roi.txt").read().decode(),
}))
"""


@pytest.fixture
def fresh_database():
    """The URL of an empty database of the suite's engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield None  # set per test: a new file in tmp_path
        return
    name = f"loa_restore_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url().rsplit("/", 1)[0] + f"/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args, code=None):
    command = [sys.executable, "manage.py", *args]
    if code:
        command += ["-c", code]
    return subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


# Serialized rollback: a transactional test empties the tables when it ends,
# and the next one still needs the root page the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_a_fresh_database(
    tmp_path, explainer_index, fresh_database
):
    piece = PolicyExplainerPageFactory(
        parent=explainer_index, title="Bảo hiểm y tế hộ gia đình", summary_en="Hi."
    )
    translator = get_user_model().objects.create_user("h-nie")
    records = record_translation(piece, "summary", "en", translator, submit=True)
    review(piece, records, translator, approve=True)
    session = OutreachSession.objects.create(
        campaign=CampaignFactory(),
        kind="village_meeting",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 20, 8)),
        area=area("DLK", "Đắk Lắk", "province"),
        attendance=84,
    )
    MaterialUse.objects.create(
        session=session, piece=piece, language="rad", format="print", quantity=40
    )
    default_storage.save("documents/to-roi.txt", ContentFile("Tờ rơi BHYT".encode()))

    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("loa-*.tar.gz")

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": fresh_database or f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "fresh-media"),
    }
    (tmp_path / "fresh-media").mkdir()
    (tmp_path / "fresh-media" / "stray.txt").write_text("not in the backup")
    restored = manage(env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "1 sessions, 1 material uses" in restored.stdout

    read = manage(env, "shell", code=READ_BACK)
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout.splitlines()[-1]) == {
        "titles": sorted(Page.objects.values_list("title", flat=True)),
        "state": "approved",
        "attendance": [84],
        "uses": [["rad", 40]],
        "leaflet": "Tờ rơi BHYT",
    }
    assert not (tmp_path / "fresh-media" / "stray.txt").exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"just some bytes")
    with pytest.raises(CommandError, match="is not a Loa backup"):
        call_command("restore", str(not_a_backup))
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


@pytest.mark.django_db
def test_a_backup_of_another_engine_is_refused_and_changes_nothing(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"engine": other, "counts": {}}))
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, "manifest.json")
    kept = Path(settings.MEDIA_ROOT) / "kept.txt"
    kept.write_text("still here")
    with pytest.raises(CommandError, match=f"is of a {other} database"):
        call_command("restore", str(archive))
    assert kept.read_text() == "still here"


@pytest.fixture
def loose_umask():
    """The common umask, under which new files are readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backups_are_readable_by_their_owner_only(tmp_path, loose_umask):
    # They hold password hashes and session keys.
    folder = tmp_path / "backups"
    call_command("backup", "--output-dir", str(folder))
    (archive,) = folder.iterdir()
    assert archive.name.startswith("loa-")
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    assert oct(archive.stat().st_mode & 0o777) == oct(0o600)

    call_command("backup", "--output-dir", str(folder))
    assert {oct(path.stat().st_mode & 0o777) for path in folder.iterdir()} == {
        oct(0o600)
    }


def media_bytes() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("made", ["now", "before checksums"])
def test_a_restore_over_a_changed_site_brings_back_the_backup_exactly(tmp_path, made):
    campaign = CampaignFactory()
    province = area("DLK", "Đắk Lắk", "province")
    OutreachSession.objects.create(
        campaign=campaign,
        kind="village_meeting",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 20, 8)),
        area=province,
        attendance=84,
    )
    default_storage.save("documents/to-roi.txt", ContentFile("Tờ rơi BHYT".encode()))
    media = Path(settings.MEDIA_ROOT)
    media.chmod(0o750)
    backed_up = media_bytes()
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("loa-*.tar.gz")
    if made == "before checksums":
        archive = rewrite(archive, manifest=older)

    OutreachSession.objects.update(attendance=12)
    OutreachSession.objects.create(
        campaign=campaign,
        kind="market_visit",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 21, 8)),
        area=province,
        attendance=30,
    )
    (media / "documents" / "to-roi.txt").write_text("changed since")
    default_storage.save("documents/since.txt", ContentFile(b"added since"))

    call_command("restore", str(archive))
    assert list(OutreachSession.objects.values_list("kind", "attendance")) == [
        ("village_meeting", 84)
    ]
    assert media_bytes() == backed_up
    assert oct(media.stat().st_mode & 0o777) == oct(0o750)
    assert list(media.parent.glob(f".{media.name}*")) == []


SERVE_HOME = """
from django.test import Client
print(Client().get("/vi/", HTTP_HOST="localhost").status_code)
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="edits the SQLite file")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_made_before_the_shared_cache_restores_into_a_site_that_serves(
    tmp_path, home_page
):
    """An older backup: no shared-cache table, a migration not yet applied
    (and its manifest as version 1 wrote it). The restore brings the
    database up to date, and pages are served."""
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("loa-*.tar.gz")
    with tarfile.open(archive) as tar:
        (tmp_path / "old.sqlite3").write_bytes(
            tar.extractfile("database.sqlite3").read()
        )
    with sqlite3.connect(tmp_path / "old.sqlite3") as old:
        old.execute("DROP TABLE loa_shared_cache")
        # The newest, so that no applied migration is left without the one
        # it depends on.
        old.execute(
            "DELETE FROM django_migrations WHERE app = 'campaigns' AND name = "
            "(SELECT max(name) FROM django_migrations WHERE app = 'campaigns')"
        )
    old = rewrite(
        archive,
        replace={"database.sqlite3": (tmp_path / "old.sqlite3").read_bytes()},
        manifest=older,
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "fresh-media"),
    }
    restored = manage(env, "restore", str(old))
    assert restored.returncode == 0, restored.stderr
    served = manage(env, "shell", code=SERVE_HOME)
    assert served.returncode == 0, served.stderr
    assert served.stdout.split()[-1] == "200"
