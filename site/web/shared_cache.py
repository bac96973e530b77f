"""The cache every app server shares: Redis that degrades instead of failing,
and the database table that stands in for Redis on the embedded default.

With Redis down, a request must still be served from the database: reads
miss, writes are dropped, the published generation is new on every request
(so nothing stale is served) and login failures go uncounted. After a
failure a process leaves Redis alone for a few seconds rather than wait for
it on every call, and logs the outage at most once a minute. A process that
saw an outage starts a new published generation when Redis answers again:
a publish made meanwhile could not tell the other servers. `/healthz/`
reports the outage.
"""

import logging
import time
from dataclasses import dataclass

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.dispatch import Signal

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DOWN = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 60
RETRY_AFTER_SECONDS = 5

# Sent when Redis answers again after this process saw it down.
redis_recovered = Signal()


@dataclass
class Outage:
    """What this process knows of one Redis server being down."""

    missed_writes: bool = False
    retry_at: float = 0.0
    logged_at: float = -LOG_EVERY_SECONDS


# By server, shared by the cache objects of every thread in this process.
outages: dict[str, Outage] = {}


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = outages.setdefault(str(server), Outage())

    def _guarded(self, call, fallback):
        outage, now = self.outage, time.monotonic()
        if now < outage.retry_at:
            outage.missed_writes = True
            return fallback
        try:
            result = call()
        except DOWN as error:
            outage.missed_writes = True
            outage.retry_at = now + RETRY_AFTER_SECONDS
            if now - outage.logged_at >= LOG_EVERY_SECONDS:
                outage.logged_at = now
                logger.error("Redis is unavailable, serving without it: %s", error)
            return fallback
        if outage.missed_writes:
            outage.missed_writes = False
            logger.warning("Redis answers again.")
            redis_recovered.send(sender=type(self))
        return result

    def get(self, key, default=None, version=None):
        return self._guarded(
            lambda: RedisCache.get(self, key, default, version), default
        )

    def get_many(self, keys, version=None):
        return self._guarded(lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded(lambda: RedisCache.has_key(self, key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: RedisCache.add(self, key, value, timeout, version), False
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(lambda: RedisCache.set(self, key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: RedisCache.set_many(self, data, timeout, version), list(data)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            lambda: RedisCache.touch(self, key, timeout, version), False
        )

    def incr(self, key, delta=1, version=None):
        return self._guarded(lambda: RedisCache.incr(self, key, delta, version), 0)

    def delete(self, key, version=None):
        return self._guarded(lambda: RedisCache.delete(self, key, version), False)

    def delete_many(self, keys, version=None):
        self._guarded(lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self):
        return self._guarded(lambda: RedisCache.clear(self), False)

    def ping(self) -> None:
        """Raise when Redis does not answer (for the health check, which
        asks Redis itself even while this process leaves it alone)."""
        self._cache.get_client(write=True).ping()


def create_cache_table(using="default", **kwargs) -> None:
    """After every `migrate`: the shared cache's table, when the database
    stands in for Redis (Django creates it only when asked)."""
    call_command("createcachetable", database=using, verbosity=0)
