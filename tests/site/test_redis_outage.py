"""A Redis that stops answering for a while: pages are served meanwhile, and
the process that saw the outage starts a new published generation when Redis
answers again (a publish made meanwhile could not tell the other servers).

Runs where the suite runs against Redis (`REDIS_URL`, as `.ci/run` sets it):
the outage is Redis's own `CLIENT PAUSE`, so Redis keeps what it held.
"""

import time

from django.conf import settings

import pytest
import redis

from content.published import generation
from web.shared_cache import RETRY_AFTER_SECONDS

PAUSE_SECONDS = 2


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (REDIS_URL)")
def test_a_new_generation_starts_when_redis_answers_again(client, home_page):
    before = generation()
    assert client.get("/vi/").status_code == 200
    redis.Redis.from_url(settings.REDIS_URL).execute_command(
        "CLIENT", "PAUSE", PAUSE_SECONDS * 1000, "ALL"
    )
    started = time.monotonic()
    assert client.get("/vi/").status_code == 200  # served without Redis
    time.sleep(max(0, PAUSE_SECONDS + RETRY_AFTER_SECONDS - time.monotonic() + started))
    assert client.get("/vi/").status_code == 200
    assert generation() != before
