"""A restore checks the whole archive before it changes anything: an archive
without its media, with a damaged database or manifest, or with members that
would land outside the folder it is unpacked into is refused with a sentence
saying what is wrong, and every table's rows and every media file's bytes are as
they were."""

import datetime
import json
import os
import sqlite3
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

import pytest

from campaigns.models import MaterialUse, OutreachSession
from tests.backup_archives import member, older, rewrite
from tests.factories import CampaignFactory, PolicyExplainerPageFactory, area

rows_counted_before_restore = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a dump's rows are counted only once it is restored",
)


def session(campaign, where, attendance):
    return OutreachSession.objects.create(
        campaign=campaign,
        kind="village_meeting",
        starts_at=timezone.make_aware(datetime.datetime(2025, 10, 20, 8)),
        area=where,
        attendance=attendance,
    )


@pytest.fixture
def archive(tmp_path, explainer_index):
    """A good backup of a site that has changed since: a restore would change
    rows and media files."""
    piece = PolicyExplainerPageFactory(parent=explainer_index, title="BHYT hộ gia đình")
    campaign = CampaignFactory()
    province = area("DLK", "Đắk Lắk", "province")
    MaterialUse.objects.create(
        session=session(campaign, province, 84),
        piece=piece,
        language="rad",
        format="print",
    )
    default_storage.save("documents/to-roi.txt", ContentFile("Tờ rơi BHYT".encode()))
    default_storage.save("images/poster.png", ContentFile(b"\x89PNG poster"))
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    (made,) = (tmp_path / "backups").glob("loa-*.tar.gz")

    session(campaign, province, 12)
    default_storage.save("documents/since.txt", ContentFile(b"added after the backup"))
    return made


def site_state() -> dict:
    """Every table's row count, every media file's bytes and any folder a
    restore unpacked into beside the media folder."""
    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(connection.introspection.django_table_names(True)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
            rows[table] = cursor.fetchone()[0]
    root = Path(settings.MEDIA_ROOT)
    return {
        "rows": rows,
        "media": {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in root.rglob("*")
            if path.is_file()
        },
        "unpacked beside media": sorted(root.parent.glob(f".{root.name}*")),
    }


def database_name() -> str:
    return "database.sqlite3" if connection.vendor == "sqlite" else "database.dump"


def first_half(archive: Path, name: str) -> bytes:
    with tarfile.open(archive) as tar:
        data = tar.extractfile(name).read()
    return data[: len(data) // 2]


def refused(archive: Path, message: str) -> None:
    """The restore fails with `message` and the site is exactly as it was."""
    before = site_state()
    with pytest.raises(CommandError, match=message) as refusal:
        call_command("restore", str(archive))
    assert str(refusal.value).endswith("Nothing was changed.")
    assert site_state() == before


pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_archive_without_its_media_folder_is_refused(archive):
    refused(rewrite(archive, drop=["media"]), r"has no media/ folder")


def test_an_older_archive_without_its_media_folder_is_refused(archive):
    # The manifest of backups made before checksums counts the files only.
    changed = rewrite(archive, drop=["media"], manifest=older)
    refused(changed, r"has no media/ folder")


def test_an_archive_missing_a_media_file_is_refused(archive):
    changed = rewrite(archive, drop=["media/images/poster.png"])
    refused(changed, r"lacks media files its manifest lists: images/poster\.png\.")


def test_an_older_archive_missing_a_media_file_is_refused(archive):
    changed = rewrite(archive, drop=["media/images/poster.png"], manifest=older)
    with tarfile.open(archive) as tar:
        counted = json.load(tar.extractfile("manifest.json"))["counts"]["media files"]
    refused(
        changed,
        f"holds fewer media files than its manifest counts: {counted - 1} against "
        f"{counted}",
    )


def test_an_archive_with_a_changed_media_file_is_refused(archive):
    changed = rewrite(archive, replace={"media/documents/to-roi.txt": b"altered"})
    refused(changed, r"damaged media files .*: documents/to-roi\.txt\.")


def test_an_archive_with_a_media_file_the_manifest_does_not_list_is_refused(archive):
    changed = rewrite(archive, add=[member("media/documents/slipped-in.txt")])
    refused(changed, r"media files its manifest does not list: documents/slipped-in")


def test_an_archive_without_its_database_is_refused(archive):
    refused(rewrite(archive, drop=[database_name()]), r"has no database \(database\.")


def test_a_truncated_database_is_refused(archive):
    name = database_name()
    changed = rewrite(archive, replace={name: first_half(archive, name)})
    refused(
        changed, r"The database in .* is damaged or incomplete: its size or checksum"
    )


def test_a_truncated_database_in_an_older_archive_is_refused(archive):
    # No checksum to compare: SQLite's integrity check, or pg_restore reading
    # the whole dump, finds it.
    name = database_name()
    changed = rewrite(
        archive, replace={name: first_half(archive, name)}, manifest=older
    )
    refused(changed, r"The database (dump )?in .* (is damaged|cannot be read)")


@rows_counted_before_restore
def test_a_database_that_is_not_loas_is_refused(archive, tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as database:
        database.execute("CREATE TABLE notes (body text)")
    database.close()
    changed = rewrite(
        archive, replace={"database.sqlite3": other.read_bytes()}, manifest=older
    )
    refused(changed, r"is not Loa's: it lacks the tables .*wagtailcore_page")


@rows_counted_before_restore
def test_a_database_with_fewer_rows_than_the_manifest_counts_is_refused(archive):
    def more_sessions(manifest):
        manifest["counts"]["sessions"] = 5
        return manifest

    changed = rewrite(archive, manifest=more_sessions)
    refused(changed, r"holds fewer rows than its manifest counts: 1 sessions against 5")


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (lambda _: b"{not json", r"manifest\.json in .* is damaged: it is not JSON"),
        (lambda _: [1, 2], r"manifest\.json in .* is damaged: it is not a JSON object"),
        (
            lambda manifest: manifest | {"version": 4},
            r"is of version 4; this Loa restores versions 1 to 3",
        ),
        (
            lambda manifest: manifest | {"engine": "mysql"},
            r"names the database engine 'mysql'; Loa restores sqlite or postgresql",
        ),
        (
            lambda manifest: manifest | {"counts": {"pages": "many"}},
            r"its counts are missing or not whole numbers",
        ),
        (
            lambda manifest: {k: v for k, v in manifest.items() if k != "media"},
            r"does not list the database and media files",
        ),
    ],
    ids=[
        "not-json",
        "not-an-object",
        "newer-version",
        "unknown-engine",
        "counts",
        "no-listing",
    ],
)
def test_an_archive_with_a_bad_manifest_is_refused(archive, manifest, message):
    refused(rewrite(archive, manifest=manifest), message)


def test_an_archive_without_a_manifest_is_refused(archive):
    refused(rewrite(archive, drop=["manifest.json"]), r"it has no manifest\.json")


def test_a_cut_off_archive_is_refused(archive):
    cut = archive.with_name("cut.tar.gz")
    cut.write_bytes(archive.read_bytes()[:-100])
    refused(cut, r"is incomplete or damaged: its compressed data is cut off")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (member("../escaped.txt"), r"“\.\./escaped\.txt”, a path outside the backup"),
        (member("media/../../escaped.txt"), r"a path outside the backup"),
        (
            member("/tmp/escaped.txt"),  # noqa: S108
            r"“/tmp/escaped\.txt”, a path outside the backup",
        ),
        (
            member("media/documents/passwd", tarfile.SYMTYPE, "/etc/passwd"),
            r"“media/documents/passwd”, a link to “/etc/passwd”",
        ),
        (
            member("media/documents/manifest", tarfile.SYMTYPE, "../../manifest.json"),
            r"a link to “\.\./\.\./manifest\.json”",
        ),
        (
            member("media/documents/hard", tarfile.LNKTYPE, "manifest.json"),
            r"“media/documents/hard”, a link to “manifest\.json”",
        ),
        (member("media/fifo", tarfile.FIFOTYPE), r"“media/fifo”, a device or pipe"),
        (member("notes.txt"), r"holds “notes\.txt”, which a Loa backup does not"),
        (
            member("media/documents/to-roi.txt", data=b"replaced by a second copy"),
            r"holds “media/documents/to-roi\.txt” twice",
        ),
    ],
    ids=[
        "dotdot",
        "media-dotdot",
        "absolute",
        "symlink-out",
        "symlink-in",
        "hardlink",
        "fifo",
        "unexpected",
        "twice",
    ],
)
def test_an_archive_with_an_unsafe_member_is_refused(archive, extra, message):
    refused(rewrite(archive, add=[extra]), message)
    assert not (Path(settings.MEDIA_ROOT).parent / "escaped.txt").exists()
    assert not Path("/tmp/escaped.txt").exists()  # noqa: S108
