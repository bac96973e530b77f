"""The client's address behind a configured number of reverse proxies: read
from the proxies' end of X-Forwarded-For, never from what the client wrote."""

import pytest

from people.client_address import client_address
from tests.processes import run_with_settings

PROXY = "10.0.0.1"


def address(rf, forwarded=None, remote=PROXY):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client_address(rf.get("/", REMOTE_ADDR=remote, **headers))


def test_without_proxies_the_address_is_the_peer_whatever_the_header(rf, settings):
    settings.LOA_TRUSTED_PROXY_COUNT = 0
    assert address(rf, "203.0.113.9", remote="198.51.100.4") == "198.51.100.4"


@pytest.mark.parametrize(
    "proxies, forwarded, found",
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "192.0.2.1, 203.0.113.9", "203.0.113.9"),
        (1, "not-an-address,192.0.2.1 ,  203.0.113.9", "203.0.113.9"),
        (2, "192.0.2.1, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "2001:DB8:0:0::1", "2001:db8::1"),
    ],
)
def test_the_client_is_counted_from_the_right(rf, settings, proxies, forwarded, found):
    settings.LOA_TRUSTED_PROXY_COUNT = proxies
    assert address(rf, forwarded) == found


@pytest.mark.parametrize(
    "proxies, forwarded",
    [
        (1, None),
        (1, ""),
        (1, "203.0.113.9:5123"),
        (1, "192.0.2.1, unknown"),
        (1, "203.0.113.9,"),
        (2, "203.0.113.9"),
        (1, "203.0.113.9\x00"),
    ],
)
def test_a_header_that_does_not_fit_the_count_gives_the_peer(
    rf, settings, proxies, forwarded
):
    settings.LOA_TRUSTED_PROXY_COUNT = proxies
    assert address(rf, forwarded) == PROXY


def test_production_reads_the_proxy_count_from_the_environment():
    code = (
        "import django; from django.conf import settings; django.setup();"
        " print(settings.LOA_TRUSTED_PROXY_COUNT)"
    )
    secret = {"SECRET_KEY": "x" * 50}
    default = run_with_settings("config.settings.production", code, **secret)
    assert default.stdout.strip() == "0", default.stderr
    two = run_with_settings(
        "config.settings.production", code, LOA_TRUSTED_PROXY_COUNT="2", **secret
    )
    assert two.stdout.strip() == "2", two.stderr
    wrong = run_with_settings(
        "config.settings.production", code, LOA_TRUSTED_PROXY_COUNT="two", **secret
    )
    assert wrong.returncode != 0
    assert "LOA_TRUSTED_PROXY_COUNT must be a whole number" in wrong.stderr
