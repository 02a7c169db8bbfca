"""Redis as the shared cache, without Redis being a single point of failure.

``ResilientRedisCache`` is Django's Redis cache, except that when Redis cannot be reached a
read is a miss and a write is dropped (logged once a minute, not per call). The site then
serves slower (nothing cached; rate limits count nothing) instead of answering 500.
``reachable()`` tells the health endpoint the truth.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
LOG_EVERY_SECONDS = 60

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
except ImportError:  # pragma: no cover — redis is a pinned requirement
    UNREACHABLE = (OSError,)


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail fast: a page must not wait seconds for a cache that is not there.
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)

    def _unreachable(self, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged > LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("cache unreachable, serving without it: %s", error)

    def reachable(self) -> bool:
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNREACHABLE as error:
            self._unreachable(error)
            return False


def _guard(name, fallback):
    method = getattr(RedisCache, name)

    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            self._unreachable(error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    guarded.__name__ = name
    guarded.__doc__ = method.__doc__
    return guarded


def _default(key, default=None, *args, **kwargs):
    return default


def _missing(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is unreachable).")


for _name, _fallback in [
    ("get", _default),
    ("set", None),
    # "Stored": callers that take a lock with add() (allauth's rate limits) go on at once
    # instead of waiting for a lock that can never be taken.
    ("add", True),
    ("touch", False),
    ("delete", False),
    ("get_many", {}),
    ("set_many", lambda *args, **kwargs: []),
    ("delete_many", None),
    ("has_key", False),
    ("clear", False),
    ("incr", _missing),
]:
    setattr(ResilientRedisCache, _name, _guard(_name, _fallback))
