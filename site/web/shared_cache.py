"""The cache every app server shares: Redis that degrades instead of failing,
and the database table that stands in for Redis on the embedded default.

With Redis down, a request must still be served from the database: reads
miss, writes are dropped, the published generation is new on every request
(so nothing stale is ever served) and login failures go uncounted. Each
process logs the outage at most once a minute. `/healthz/` reports it.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DOWN = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 60


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis is down."""

    _last_logged = 0.0

    def _down(self, error: Exception, fallback):
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.error("Redis is unavailable, serving without it: %s", error)
        return fallback

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except DOWN as error:
            return self._down(error, default)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except DOWN as error:
            return self._down(error, {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except DOWN as error:
            return self._down(error, False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except DOWN as error:
            return self._down(error, False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except DOWN as error:
            self._down(error, None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except DOWN as error:
            return self._down(error, list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except DOWN as error:
            return self._down(error, False)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except DOWN as error:
            return self._down(error, 0)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except DOWN as error:
            return self._down(error, False)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except DOWN as error:
            self._down(error, None)

    def clear(self):
        try:
            return super().clear()
        except DOWN as error:
            return self._down(error, False)

    def ping(self) -> None:
        """Raise when Redis does not answer (for the health check)."""
        self._cache.get_client(write=True).ping()


def create_cache_table(using="default", **kwargs) -> None:
    """After every `migrate`: the shared cache's table, when the database
    stands in for Redis (Django creates it only when asked)."""
    call_command("createcachetable", database=using, verbosity=0)
