"""Backups: the database and the media files in one archive, and back.

The archive (`loa-<when>.tar.gz`) holds `manifest.json` (database engine, when,
and how many pages, translations, sessions, material uses and media files it
holds), the database (`database.sqlite3`, a consistent copy taken with SQLite's
online backup while the site runs, or `database.dump`, `pg_dump`'s custom
format) and `media/`. It holds password hashes and session keys: archives are
readable by their owner only, and so is a backups folder this creates.

A restore replaces the configured database and `MEDIA_ROOT` with the archive's,
then checks that nothing counted in the manifest is missing. Stop the app
servers first.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from wagtail.models import Page

from campaigns.models import MaterialUse, OutreachSession
from locales.models import TranslationRecord

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why."""


def counts() -> dict[str, int]:
    """What a restore must bring back, counted in the configured database."""
    return {
        "pages": Page.objects.count(),
        "translation records": TranslationRecord.objects.count(),
        "sessions": OutreachSession.objects.count(),
        "material uses": MaterialUse.objects.count(),
        "media files": sum(1 for path in _media_root().rglob("*") if path.is_file()),
    }


def create_backup(folder: Path) -> Path:
    """Write a backup archive into `folder`; returns its path."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = _engine()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    archive = folder / f"loa-{stamp}.tar.gz"
    # Counted before the copy: whatever is added meanwhile is in the copy too,
    # so a restore holds at least these.
    manifest = {
        "engine": engine,
        "created": datetime.now(UTC).isoformat(),
        "counts": counts(),
    }
    # mkstemp creates the file for its owner only; it gets its name once whole.
    handle, partial = tempfile.mkstemp(dir=folder, prefix=".loa-", suffix=".partial")
    try:
        with (
            tempfile.TemporaryDirectory() as work,
            os.fdopen(handle, "wb") as file,
            tarfile.open(fileobj=file, mode="w:gz") as tar,
        ):
            work = Path(work)
            if engine == "sqlite":
                database = work / SQLITE_FILE
                _sqlite_copy(database)
            else:
                database = work / POSTGRES_FILE
                _run(["pg_dump", "--format=custom", "--file", str(database)])
            (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(database, database.name)
            tar.add(_media_root(), "media")
        os.replace(partial, archive)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return archive


def restore_backup(archive: Path) -> dict[str, int]:
    """Replace the database and media with the archive's; returns the counts,
    which match the manifest's."""
    if not archive.is_file():
        raise BackupError(f"No backup at {archive}.")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
            manifest = json.loads((work / "manifest.json").read_text())
        except (tarfile.TarError, OSError, ValueError) as error:
            raise BackupError(f"{archive} is not a Loa backup ({error}).") from None
        engine = _engine()
        if manifest.get("engine") != engine:
            raise BackupError(
                f"This backup is of a {manifest.get('engine')} database, but the "
                f"configured database is {engine}: restore it into a {engine} one."
            )
        connections.close_all()
        if engine == "sqlite":
            _sqlite_replace(work / SQLITE_FILE)
        else:
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--dbname",
                    str(settings.DATABASES["default"]["NAME"]),
                    str(work / POSTGRES_FILE),
                ]
            )
        _replace_media(work / "media")
    restored = counts()
    missing = {
        what: count
        for what, count in manifest["counts"].items()
        if restored.get(what, 0) < count
    }
    if missing:
        raise BackupError(
            f"Restored, but fewer than the backup holds: {restored} against "
            f"{manifest['counts']}."
        )
    return restored


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _media_root() -> Path:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


def _sqlite_copy(target: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _sqlite_replace(source: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(source) as backup:
        backup.backup(connection.connection)
    backup.close()


def _replace_media(source: Path) -> None:
    root = _media_root()
    for child in root.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    shutil.copytree(source, root, dirs_exist_ok=True)


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client tool against the configured database."""
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
