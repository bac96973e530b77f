"""The demo site in a database and media folder of its own, for the tests
that run the site's real processes (gunicorn, the background worker) and
reach it over HTTP, whatever database the rest of the suite uses."""

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
DEMO_PASSWORD = "loa-demo"  # noqa: S105 — the demo users' published password


def manage(env: dict, *args: str) -> None:
    """Run a management command in its own process, with `env`."""
    subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def demo_site(folder: Path) -> dict:
    """A copy of the demo site (its SQLite file and media) in `folder`; the
    environment that runs the site's processes on it."""
    built = _built_once()
    for name in ("db.sqlite3", "db.sqlite3-wal"):  # in WAL mode, both
        if (built / name).exists():
            shutil.copy(built / name, folder / name)
    if (built / "media").exists():
        shutil.copytree(built / "media", folder / "media")
    return _environment(folder)


@functools.cache
def _built_once() -> Path:
    """Migrate a SQLite file and load the demo into it, once per test run
    (the processes that did it have ended, so the file is whole)."""
    folder = Path(tempfile.mkdtemp(prefix="loa-demo-site-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    env = _environment(folder)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    return folder


def _environment(folder: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL")
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "LOA_DEMO_ADMIN_PASSWORD": DEMO_PASSWORD,
    }
