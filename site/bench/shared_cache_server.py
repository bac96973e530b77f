"""The shared cache (Varnish, from Debian's packages) on a local port in front
of an app server, configured by site/varnish/loa.vcl: for `make cached`,
the benchmark and the tests that go through it as visitors do.

Run as a program it stays in the foreground until stopped:
`python site/bench/shared_cache_server.py --port 6081 --backend-port 8000`.
"""

import argparse
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VCL = Path(__file__).resolve().parents[1] / "varnish" / "loa.vcl"
START_SECONDS = 20


def command(folder: Path, port: int, backend_port: int) -> list[str]:
    vcl = folder / "loa.vcl"
    vcl.write_text(VCL.read_text().replace("@BACKEND_PORT@", str(backend_port)))
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    return [
        varnishd,
        "-F",  # in the foreground, stopped with its parent
        "-j",
        "none",  # no jail: runs as whoever starts it
        "-n",
        str(folder / "state"),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl),
        "-s",
        "malloc,256m",
    ]


@contextmanager
def shared_cache(port: int, backend_port: int) -> Iterator[str]:
    """Varnish on `port` in front of 127.0.0.1:`backend_port`; yields its
    base URL once it accepts connections."""
    with tempfile.TemporaryDirectory(prefix="loa-varnish-") as folder:
        log = Path(folder) / "varnishd.log"
        with log.open("w") as output:
            process = subprocess.Popen(  # noqa: S603 — Debian's varnishd, our arguments
                command(Path(folder), port, backend_port),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_listening(port, process, log)
                yield f"http://127.0.0.1:{port}"
            finally:
                process.terminate()
                process.wait(timeout=10)


def _wait_until_listening(port: int, process, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd stopped at start:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"varnishd did not listen on {port} in {START_SECONDS} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=6081)
    parser.add_argument("--backend-port", type=int, default=8000)
    arguments = parser.parse_args()
    with shared_cache(arguments.port, arguments.backend_port) as address:
        print(f"Shared cache at {address}, in front of port {arguments.backend_port}")  # noqa: T201
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
