"""What a backup archive holds, and the checks a restore makes on one before it
changes anything.

An archive holds `manifest.json`, the database (`database.sqlite3` or
`database.dump`), `media/` and `private-media/` (session photos, kept outside
the media folder), and nothing else: no links, no absolute paths, no `..`.
Manifest version 3 lists the size and SHA-256 of the database and of every
media and private media file; version 2 (before session photos were private)
has no private media; version 1 (older backups, no `version` key) only counts
the media files.
"""

import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import zlib
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path, PurePosixPath

from django.conf import settings

from wagtail.models import Page

from campaigns.models import MaterialUse, OutreachSession
from locales.models import TranslationRecord

MANIFEST = "manifest.json"
MEDIA = "media"
PRIVATE_MEDIA = "private-media"
# Each folder of the archive and the manifest key listing its files.
LISTED_UNDER = {MEDIA: "media", PRIVATE_MEDIA: "private media"}
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
DATABASE_FILES = {"sqlite": SQLITE_FILE, "postgresql": POSTGRES_FILE}
MANIFEST_VERSION = 3
# The rows a manifest counts, by the name it counts them under.
COUNTED = {
    "pages": Page,
    "translation records": TranslationRecord,
    "sessions": OutreachSession,
    "material uses": MaterialUse,
}
# Named in messages: more would bury the sentence.
SHOWN = 5


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why."""


def media_files(root: Path) -> Iterator[Path]:
    """The regular files under `root`, in a stable order; links are not media."""
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


class Digest:
    """Reads a file for `tarfile` and digests what it read, so the checksum is
    of the very bytes that went into the archive."""

    def __init__(self, file):
        self.file = file
        self.hash = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.hash.update(data)
        self.size += len(data)
        return data

    def describe(self) -> dict:
        return {"size": self.size, "sha256": self.hash.hexdigest()}


def describe(path: Path) -> dict:
    """Size and SHA-256 of a file, as the manifest records them."""
    with path.open("rb") as file:
        digest = Digest(file)
        while digest.read(1 << 20):
            pass
    return digest.describe()


def unpack(archive: Path, into: Path) -> dict:
    """Check every member of `archive`, unpack it into `into` and return its
    manifest, checked. Raises BackupError saying what is wrong."""
    _check_compression(archive)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            _check_members(archive, members)
            tar.extractall(into, members=members, filter="data")
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"{archive} is not a Loa backup ({error}).") from None
    except OSError as error:
        raise BackupError(f"Could not unpack {archive} into {into}: {error}.") from None
    return _read_manifest(archive, into / MANIFEST)


def check_engine(archive: Path, manifest: dict, engine: str) -> None:
    made = manifest["engine"]
    if made != engine:
        raise BackupError(
            f"This backup is of a {made} database, but the "
            f"configured database is {engine}: restore it into a {engine} one."
        )


def check_database(archive: Path, manifest: dict, unpacked: Path) -> Path:
    """The unpacked database file, once it is whole, loadable and holds the
    project's tables and at least the rows the manifest counts."""
    name = DATABASE_FILES[manifest["engine"]]
    database = unpacked / name
    if not database.is_file():
        raise BackupError(f"{archive} has no database ({name}).")
    expected = manifest.get("database")
    if expected and describe(database) != {
        "size": expected["size"],
        "sha256": expected["sha256"],
    }:
        raise BackupError(
            f"The database in {archive} is damaged or incomplete: its size or "
            "checksum differs from the manifest's."
        )
    if manifest["engine"] == "sqlite":
        _check_sqlite(archive, manifest, database)
    else:
        _check_postgres_dump(archive, database)
    return database


def check_private_media(archive: Path, manifest: dict, unpacked: Path) -> Path:
    """The unpacked private media folder, once it holds what the manifest
    lists. A backup made before session photos were private has none (its
    photos are in its media folder, and move when it is migrated): the
    private folder it restores is empty."""
    if manifest.get("version", 1) < 3 and not (unpacked / PRIVATE_MEDIA).exists():
        (unpacked / PRIVATE_MEDIA).mkdir()
    return check_media(archive, manifest, unpacked, PRIVATE_MEDIA)


def check_media(
    archive: Path, manifest: dict, unpacked: Path, folder: str = MEDIA
) -> Path:
    """The unpacked media folder (or `folder`), once it holds what the
    manifest lists."""
    media = unpacked / folder
    what = LISTED_UNDER[folder]
    if not media.is_dir():
        raise BackupError(f"{archive} has no {folder}/ folder.")
    found = {path.relative_to(media).as_posix(): path for path in media_files(media)}
    listed = manifest.get(what)
    if listed is None:
        expected = manifest["counts"].get(f"{what} files", 0)
        if len(found) < expected:
            raise BackupError(
                f"{archive} holds fewer {what} files than its manifest counts: "
                f"{len(found)} against {expected}."
            )
        return media
    if missing := sorted(set(listed) - set(found)):
        raise BackupError(
            f"{archive} lacks {what} files its manifest lists: {_some(missing)}."
        )
    if unlisted := sorted(set(found) - set(listed)):
        raise BackupError(
            f"{archive} holds {what} files its manifest does not list: "
            f"{_some(unlisted)}."
        )
    if damaged := [
        name
        for name, path in sorted(found.items())
        if describe(path)
        != {"size": listed[name]["size"], "sha256": listed[name]["sha256"]}
    ]:
        raise BackupError(
            f"{archive} holds damaged {what} files (their size or checksum "
            f"differs from the manifest's): {_some(damaged)}."
        )
    return media


def run_postgres_tool(command: list[str]) -> str:
    """Run a PostgreSQL client tool against the configured database; its output."""
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is missing: install PostgreSQL's client tools "
            "(apt-get install postgresql-client)."
        )
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "PGHOST": str(database.get("HOST") or ""),
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": str(database.get("USER") or ""),
        "PGPASSWORD": str(database.get("PASSWORD") or ""),
        "PGDATABASE": str(database["NAME"]),
    }
    result = subprocess.run(  # noqa: S603 — PostgreSQL's own tools, our arguments
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result.stdout


def _check_compression(archive: Path) -> None:
    """Read the compressed stream to its end: a cut-off or corrupted download
    fails here, before anything is unpacked."""
    try:
        with gzip.open(archive) as stream:
            while stream.read(1 << 20):
                pass
    except gzip.BadGzipFile as error:
        raise BackupError(f"{archive} is not a Loa backup ({error}).") from None
    except OSError as error:
        raise BackupError(f"Cannot read {archive}: {error}.") from None
    except (EOFError, zlib.error) as error:
        raise BackupError(
            f"{archive} is incomplete or damaged: its compressed data is cut off "
            f"or corrupted ({error})."
        ) from None


def _check_members(archive: Path, members: list[tarfile.TarInfo]) -> None:
    """Only the manifest, the database and plain files and folders under
    `media/` and `private-media/`; nothing that would land outside the folder
    it is unpacked into."""
    seen = set()
    for member in members:
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise BackupError(
                f"{archive} holds “{member.name}”, a path outside the backup "
                "(absolute or with ..): it is not a safe archive to restore."
            )
        if member.issym() or member.islnk():
            raise BackupError(
                f"{archive} holds “{member.name}”, a link to "
                f"“{member.linkname}”: a Loa backup holds only files and folders."
            )
        if not (member.isfile() or member.isdir()):
            raise BackupError(
                f"{archive} holds “{member.name}”, a device or pipe: a Loa backup "
                "holds only files and folders."
            )
        expected = (
            path.parts[0] in LISTED_UNDER and (len(path.parts) > 1 or member.isdir())
        ) or (
            len(path.parts) == 1
            and member.isfile()
            and path.name in (MANIFEST, SQLITE_FILE, POSTGRES_FILE)
        )
        if not expected:
            raise BackupError(
                f"{archive} holds “{member.name}”, which a Loa backup does not."
            )
        if str(path) in seen:
            raise BackupError(f"{archive} holds “{member.name}” twice.")
        seen.add(str(path))


def _read_manifest(archive: Path, path: Path) -> dict:
    if not path.is_file():
        raise BackupError(f"{archive} is not a Loa backup: it has no {MANIFEST}.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(
            f"The {MANIFEST} in {archive} is damaged: it is not JSON ({error})."
        ) from None
    if not isinstance(manifest, dict):
        raise BackupError(
            f"The {MANIFEST} in {archive} is damaged: it is not a JSON object."
        )
    version = manifest.get("version", 1)
    if version not in range(1, MANIFEST_VERSION + 1) or isinstance(version, bool):
        raise BackupError(
            f"The {MANIFEST} in {archive} is of version {version!r}; this Loa "
            f"restores versions 1 to {MANIFEST_VERSION}. Restore it with the Loa "
            "that made it."
        )
    if manifest.get("engine") not in DATABASE_FILES:
        raise BackupError(
            f"The {MANIFEST} in {archive} names the database engine "
            f"{manifest.get('engine')!r}; Loa restores {' or '.join(DATABASE_FILES)}."
        )
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count >= 0
        for count in counts.values()
    ):
        raise BackupError(
            f"The {MANIFEST} in {archive} is damaged: its counts are missing or "
            "not whole numbers."
        )
    if version >= 2 and not _lists_files(manifest, version):
        raise BackupError(
            f"The {MANIFEST} in {archive} is damaged: it does not list the "
            "database and media files with their sizes and checksums."
        )
    return manifest


def _lists_files(manifest: dict, version: int) -> bool:
    def entry(value) -> bool:
        return (
            isinstance(value, dict)
            and isinstance(value.get("size"), int)
            and isinstance(value.get("sha256"), str)
        )

    def listing(value) -> bool:
        return isinstance(value, dict) and all(entry(each) for each in value.values())

    return (
        entry(manifest.get("database"))
        and listing(manifest.get("media"))
        and (version < 3 or listing(manifest.get("private media")))
    )


def _check_sqlite(archive: Path, manifest: dict, database: Path) -> None:
    try:
        with closing(sqlite3.connect(database)) as copy:
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(
                    f"The database in {archive} is damaged: SQLite's integrity "
                    f"check reports {_some(problems)}."
                )
            tables = {
                row[0]
                for row in copy.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                )
            }
            _check_tables(archive, tables)
            rows = {
                what: copy.execute(
                    f'SELECT COUNT(*) FROM "{model._meta.db_table}"'  # noqa: S608 — our table names
                ).fetchone()[0]
                for what, model in COUNTED.items()
            }
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"The database in {archive} cannot be read as SQLite: {error}."
        ) from None
    if short := [
        f"{rows[what]} {what} against {count}"
        for what, count in manifest["counts"].items()
        if what in rows and rows[what] < count
    ]:
        raise BackupError(
            f"The database in {archive} holds fewer rows than its manifest "
            f"counts: {', '.join(short)}."
        )


def _check_postgres_dump(archive: Path, dump: Path) -> None:
    # The listing reads the dump's table of contents; writing the whole restore
    # script to nowhere reads every table's data, so a cut-off dump fails too.
    try:
        listing = run_postgres_tool(["pg_restore", "--list", str(dump)])
        run_postgres_tool(["pg_restore", "--file", os.devnull, str(dump)])
    except BackupError as error:
        raise BackupError(
            f"The database dump in {archive} cannot be read ({error})."
        ) from None
    tables = set()
    for line in listing.splitlines():
        # "215; 1259 16386 TABLE public wagtailcore_page loa"
        words = line.split()
        if len(words) >= 6 and not line.startswith(";") and words[3] == "TABLE":
            tables.add(words[5])
    _check_tables(archive, tables)


def _check_tables(archive: Path, tables: set[str]) -> None:
    needed = {"django_migrations"} | {
        model._meta.db_table for model in COUNTED.values()
    }
    if missing := sorted(needed - tables):
        raise BackupError(
            f"The database in {archive} is not Loa's: it lacks the tables "
            f"{_some(missing)}."
        )


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    return shown if len(names) <= SHOWN else f"{shown} and {len(names) - SHOWN} more"
