"""Backup archives changed the ways a download, a disk or an attacker changes
them, to restore."""

import io
import json
import tarfile
from pathlib import Path


def rewrite(archive: Path, *, drop=(), replace=None, add=(), manifest=None) -> Path:
    """A copy of `archive` without the members named in `drop` (or under them),
    with the bytes of others replaced, extra members added and the manifest
    passed through `manifest`."""
    replace = dict(replace or {})
    out = archive.with_name("changed.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        for member in source.getmembers():
            if any(
                member.name == name or member.name.startswith(f"{name}/")
                for name in drop
            ):
                continue
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == "manifest.json" and manifest:
                data = manifest(json.loads(data))
                data = data if isinstance(data, bytes) else json.dumps(data).encode()
            data = replace.pop(member.name, data)
            if data is not None:
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
        for member, data in add:
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    return out


def older(manifest: dict) -> dict:
    """The manifest as backups made before version 2 wrote it: counts only."""
    return {key: manifest[key] for key in ("engine", "created", "counts")}


def member(name, kind=tarfile.REGTYPE, link="", data=b"x"):
    """An extra member for `rewrite`: a file, or a link or pipe of `kind`."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data if kind == tarfile.REGTYPE else None
