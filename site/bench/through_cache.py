"""The site behind the shared cache, for the benchmark: how many requests it
serves through the cache, and how many revisits it answers 304."""

import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from bench.app_server import app_server, free_port
from bench.shared_cache_server import shared_cache


@contextmanager
def cached_site(env: dict) -> Iterator[str]:
    """gunicorn (2 workers) with `env`, behind Varnish; yields the cache's
    base URL."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    env = env | {"LOA_SHARED_CACHE_URL": address, "LOA_PUBLIC_URL": address}
    with app_server(env, workers=2) as app, shared_cache(port, urlsplit(app).port):
        yield address


def revisits_not_modified(address: str, paths) -> float:
    """The share of revisits (sending back the ETag first given) answered 304."""
    answered = []
    for path in paths:
        # Our own cache, on a local address.
        with urllib.request.urlopen(address + path) as first:  # noqa: S310
            etag = first.headers["ETag"]
        again = urllib.request.Request(  # noqa: S310
            address + path, headers={"If-None-Match": etag}
        )
        try:
            with urllib.request.urlopen(again) as response:  # noqa: S310
                answered.append(response.status)
        except urllib.error.HTTPError as error:
            answered.append(error.code)
    return answered.count(304) / len(answered)
