"""Backups: the database, the media files and the private media files
(session photos) in one archive, and back.

The archive (`loa-<when>.tar.gz`) holds the database (`database.sqlite3`, a
consistent copy taken with SQLite's online backup while the site runs, or
`database.dump`, `pg_dump`'s custom format), `media/`, `private-media/` and
`manifest.json` (database engine, when, how many pages, translations, sessions,
material uses, media and private media files it holds, and the size and SHA-256
of the database and of every file). It holds password hashes, session keys
and photos of people: archives are readable by their owner only, and so is a
backups folder this creates.

A restore first unpacks the whole archive into a folder beside `MEDIA_ROOT` and
checks it (see `operations.backup_archive`); only an archive that passes replaces
the configured database, `MEDIA_ROOT` and `PRIVATE_MEDIA_ROOT`, so a bad one
changes nothing. Then it checks that nothing counted in the manifest is
missing. Stop the app servers first.
"""

import io
import json
import os
import shutil
import sqlite3
import stat
import tarfile
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from content.published import start_new_generation
from operations.backup_archive import (
    COUNTED,
    MANIFEST,
    MANIFEST_VERSION,
    MEDIA,
    POSTGRES_FILE,
    PRIVATE_MEDIA,
    SQLITE_FILE,
    BackupError,
    Digest,
    check_database,
    check_engine,
    check_media,
    check_private_media,
    describe,
    media_files,
    run_postgres_tool,
    unpack,
)

__all__ = ["BackupError", "counts", "create_backup", "restore_backup"]


def counts() -> dict[str, int]:
    """What a restore must bring back, counted in the configured database
    and folders."""
    return {
        what: model.objects.count() for what, model in COUNTED.items()
    } | file_counts()


def file_counts() -> dict[str, int]:
    return {
        "media files": sum(1 for _ in media_files(_media_root())),
        "private media files": sum(1 for _ in media_files(_private_media_root())),
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
        "version": MANIFEST_VERSION,
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
            if engine == "sqlite":
                database = Path(work) / SQLITE_FILE
                _sqlite_copy(database)
            else:
                database = Path(work) / POSTGRES_FILE
                run_postgres_tool(
                    ["pg_dump", "--format=custom", "--file", str(database)]
                )
            manifest["database"] = describe(database)
            tar.add(database, database.name)
            manifest["media"] = _add_folder(tar, _media_root(), MEDIA)
            manifest["private media"] = _add_folder(
                tar, _private_media_root(), PRIVATE_MEDIA
            )
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
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
    engine = _engine()
    root = _media_root().resolve()
    private_root = _private_media_root().resolve()
    # Beside each folder, so its checked copy moves into place by a rename on
    # the same filesystem.
    unpacked = _folder_beside(root, "media folder")
    try:
        staged = _folder_beside(private_root, "private media folder")
    except BackupError:
        shutil.rmtree(unpacked, ignore_errors=True)
        raise
    try:
        try:
            manifest = unpack(archive, unpacked)
            check_engine(archive, manifest, engine)
            database = check_database(archive, manifest, unpacked)
            media = check_media(archive, manifest, unpacked)
            private = check_private_media(archive, manifest, unpacked)
            private = Path(shutil.move(private, staged / PRIVATE_MEDIA))
        except BackupError as error:
            raise BackupError(f"{error} Nothing was changed.") from None
        except OSError as error:
            raise BackupError(
                f"Cannot copy the private media beside {private_root}: {error}. "
                "Nothing was changed."
            ) from None
        connections.close_all()
        _swap_in(
            [
                (media, root, unpacked / "replaced-media"),
                (private, private_root, staged / "replaced-private-media"),
            ],
            lambda: _load(database),
        )
    finally:
        shutil.rmtree(unpacked, ignore_errors=True)
        shutil.rmtree(staged, ignore_errors=True)
    # Counted as restored: migrating a backup made before session photos were
    # private moves them out of the media folder.
    files = file_counts()
    # A backup made by an older Loa lacks the migrations (and the shared
    # cache's table) since; pages cached before the restore must go.
    call_command("migrate", "--noinput", verbosity=0)
    start_new_generation()
    restored = counts() | files
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


def _private_media_root() -> Path:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def _folder_beside(root: Path, what: str) -> Path:
    try:
        return Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}-restore-"))
    except OSError as error:
        raise BackupError(
            f"Cannot unpack the backup beside the {what} {root}: {error}. "
            "Nothing was changed."
        ) from None


def _add_folder(tar: tarfile.TarFile, root: Path, arcname: str) -> dict[str, dict]:
    """Add every file and folder under `root` as `arcname`; returns each file's
    size and checksum, taken from the bytes that went into the archive."""
    tar.add(root, arcname, recursive=False)
    for folder, subfolders, _ in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders if not (Path(folder) / name).is_symlink()
        )
        for name in subfolders:
            path = Path(folder) / name
            tar.add(
                path, f"{arcname}/{path.relative_to(root).as_posix()}", recursive=False
            )
    listed = {}
    for path in media_files(root):
        name = path.relative_to(root).as_posix()
        info = tar.gettarinfo(path, f"{arcname}/{name}")
        with path.open("rb") as file:
            digest = Digest(file)
            tar.addfile(info, digest)
        listed[name] = digest.describe()
    return listed


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def _swap_in(folders: list[tuple[Path, Path, Path]], load: Callable[[], None]) -> None:
    """Put each checked folder in place of its live one (`(checked, live,
    aside)`), then load the database; if anything fails, the old folders go
    back."""
    swapped = []
    try:
        for checked, root, aside in folders:
            os.chmod(checked, stat.S_IMODE(root.stat().st_mode))
            try:
                os.rename(root, aside)
            except OSError as error:
                raise BackupError(
                    f"Cannot move the folder {root} aside: {error}. "
                    "Nothing was changed."
                ) from None
            try:
                os.rename(checked, root)
            except BaseException:
                os.rename(aside, root)
                raise
            swapped.append((checked, root, aside))
    except BaseException:
        _put_back(swapped)
        raise
    try:
        load()
    except BaseException as error:
        _put_back(swapped)
        if isinstance(error, BackupError | sqlite3.Error):
            # pg_restore runs in one transaction and SQLite's backup in one step:
            # a failed load leaves the database as it was.
            raise BackupError(
                f"The database could not be loaded ({error}); the media folders "
                "were put back. Nothing was changed."
            ) from None
        raise


def _put_back(swapped: list[tuple[Path, Path, Path]]) -> None:
    for checked, root, aside in reversed(swapped):
        os.rename(root, checked)
        os.rename(aside, root)


def _load(database: Path) -> None:
    if database.name == SQLITE_FILE:
        _sqlite_replace(database)
        return
    # One transaction: if pg_restore fails, the database is as it was.
    run_postgres_tool(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            str(settings.DATABASES["default"]["NAME"]),
            str(database),
        ]
    )


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
