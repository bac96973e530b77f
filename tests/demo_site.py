"""The demo site in a database and media folder of its own, for the tests
that run the site's real processes (gunicorn, the background worker) and
reach it over HTTP, whatever database the rest of the suite uses."""

import os
import subprocess
import sys
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
    """Migrate a SQLite file in `folder` and load the demo into it; the
    environment that runs the site's processes on it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "LOA_DEMO_ADMIN_PASSWORD": DEMO_PASSWORD,
    }
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    return env
