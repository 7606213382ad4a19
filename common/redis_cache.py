"""Django's Redis cache, keeping one client per connection pool, and carrying on while Redis is away.

Keeping clients: Django's client builds a new ``redis.Redis`` for every cache call, and building one fills its table
of response callbacks afresh: about 0.2 ms a call, which a cached list page (three calls) and a public submission
(eight) felt. A ``redis.Redis`` is safe to share: it takes a connection from its pool for each command.

Sharing: ``clear`` deletes this site's keys only (``KEY_PREFIX``), never FLUSHDB: the cache may share its Redis
database with Celery's queues.

Carrying on: the cache holds only what can be worked out again (sessions are written through to the database), so
while Redis does not answer, a read is a miss and a write is dropped, with a warning in the log now and then rather
than a 500 on every page. ``incr`` raises ValueError as for a missing key, since a count that cannot be kept is no
count: django-ratelimit then lets the request through (``RATELIMIT_FAIL_OPEN``), the one-time-code lock-out refuses
it (``accounts/otp.py``). A dropped write can leave an older value behind in Redis (a session since signed out, a
list page from before a change, an old unread count), so once Redis answers again after one, every key of this
cache is deleted before anything is read from it. After a failure the process leaves Redis alone for
``PAUSE_SECONDS``: a Redis that hangs rather than refuses then costs one timeout, not one on every call.
"""

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import BaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
PAUSE_SECONDS = 1.0
WARN_EVERY_SECONDS = 30.0
FORGET_BATCH = 1000
_NOT_COUNTED = object()


class _Paused(RedisConnectionError):
    """Not tried: Redis failed less than PAUSE_SECONDS ago."""


class _Reachability:
    """What this process knows of one Redis server, shared by every thread's cache object (Django makes one per
    thread): until when to leave it alone, and whether a write was dropped since it last answered."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paused_until = 0.0
        self.dropped_writes = False
        self.warned_at = 0.0


_servers: dict[str, _Reachability] = {}
_servers_lock = threading.Lock()


def _reachability(server: str) -> _Reachability:
    with _servers_lock:
        return _servers.setdefault(server, _Reachability())


class _ClientKeepingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, *args, site_keys: str, **kwargs) -> None:
        super().__init__(servers, *args, **kwargs)
        self._clients = {}
        self._site_keys = site_keys
        self._reachability = _reachability(servers[0])

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client

    def _call(self, write: bool, fallback: Any, method: Callable, *args) -> Any:
        state = self._reachability
        try:
            if time.monotonic() < state.paused_until:
                raise _Paused
            if state.dropped_writes:
                self._forget()
            return method(*args)
        except UNREACHABLE as error:
            self._unreachable(error, write)
            return fallback

    def _unreachable(self, error: Exception, write: bool) -> None:
        state = self._reachability
        now = time.monotonic()
        with state.lock:
            state.dropped_writes |= write
            if not isinstance(error, _Paused):
                state.paused_until = now + PAUSE_SECONDS
            if now - state.warned_at < WARN_EVERY_SECONDS:
                return
            state.warned_at = now
        logger.warning("cache unreachable, carrying on without it: %s", error)

    def _forget(self) -> None:
        """Delete every key of this site: values written before the dropped writes must not be read again."""
        state = self._reachability
        with state.lock:
            if not state.dropped_writes:
                return
            self._delete_site_keys()
            state.dropped_writes = False
        logger.warning("cache answers again: every cached value was forgotten, since writes were dropped meanwhile")

    def _delete_site_keys(self) -> None:
        """This site's keys only, not FLUSHDB: the cache may share its Redis database with Celery's queues."""
        client = self.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=self._site_keys, count=FORGET_BATCH):
            batch.append(key)
            if len(batch) == FORGET_BATCH:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)

    def add(self, key, value, timeout):
        return self._call(True, False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._call(False, default, super().get, key, default)

    def set(self, key, value, timeout):
        return self._call(True, None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._call(True, False, super().touch, key, timeout)

    def delete(self, key):
        return self._call(True, False, super().delete, key)

    def get_many(self, keys):
        return self._call(False, {}, super().get_many, keys)

    def has_key(self, key):
        return self._call(False, False, super().has_key, key)

    def incr(self, key, delta):
        count = self._call(True, _NOT_COUNTED, super().incr, key, delta)
        if count is _NOT_COUNTED:
            raise ValueError("缓存暂时无法连接，计数未保存。")
        return count

    def set_many(self, data, timeout):
        return self._call(True, None, super().set_many, data, timeout)

    def delete_many(self, keys):
        return self._call(True, None, super().delete_many, keys)

    def clear(self):
        return self._call(True, None, self._delete_site_keys)

    def answers(self) -> bool:
        return self._call(False, False, lambda: bool(self.get_client(write=True).ping()))


class ClientKeepingRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _ClientKeepingRedisCacheClient
        # The pattern of every key this site makes (``make_key``: prefix, version, key) and no other.
        self._options = {**self._options, "site_keys": re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"}

    def answers(self) -> bool:
        """Whether Redis answers now; for counters that must fail closed when they cannot be kept."""
        return self._cache.answers()


def cache_answers(cache: BaseCache) -> bool:
    """Whether ``cache`` can be read now: a Redis cache that does not answer cannot; any other cache can."""
    answers = getattr(cache, "answers", None)
    return answers() if answers is not None else True
