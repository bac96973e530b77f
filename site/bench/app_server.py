"""An app server (gunicorn, as in production) on a free local port, for the
benchmark and for the tests that reach the site over HTTP as browsers and
other servers do."""

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def app_server(
    env: dict, workers: int = 1, threads: int = 1, log: Path | None = None
) -> Iterator[str]:
    """gunicorn serving `config.wsgi` with `env`; yields its base URL once
    its health check answers, and stops it afterwards. Its error output goes
    to `log`."""
    port = free_port()
    stderr = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--chdir",
            str(ROOT / "site"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if log:
            stderr.close()


def _wait_until_up(url: str, process, log: Path | None) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text() if log else ""
            raise RuntimeError(f"gunicorn stopped at start:\n{output}")
        try:
            with urllib.request.urlopen(f"{url}/healthz/", timeout=5):  # noqa: S310
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {START_SECONDS} s")
