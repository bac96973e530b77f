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
import time
from contextlib import contextmanager
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


@contextmanager
def db_worker(env: dict, log: Path, *arguments: str):
    """`manage.py db_worker` with `arguments`, as `make run` starts one,
    once it takes tasks; stopped afterwards if the test has not stopped it."""
    start = log.stat().st_size if log.exists() else 0
    with log.open("a") as output:
        process = subprocess.Popen(  # noqa: S603 — our own interpreter and manage.py
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
                *arguments,
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_started(log, start, process)
            yield process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


def _wait_until_started(log: Path, start: int, process) -> None:
    deadline = time.monotonic() + 60
    while b"Starting worker" not in log.read_bytes()[start:]:
        assert process.poll() is None, f"the worker stopped:\n{log.read_text()}"
        assert time.monotonic() < deadline, "the worker did not start in 60 s"
        time.sleep(0.1)
