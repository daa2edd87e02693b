"""The response cache of Level 4 (p36, p37): Flask-Caching, configured from REDIS_URL.

`init_cache(app)` (in create_app) binds the unbound `extensions.cache`: `RedisCache` on
REDIS_URL (shared by every worker) or `SimpleCache` (this process only, CATALOG §0).

Why wrappers instead of `@cache.cached` / `@cache.memoize`: those decorators catch EVERY
exception of the backend, log it and call the view uncached. With Redis down that is silent,
and each request first waits for the socket timeout. The functions below let a route decide:
they raise `CacheUnavailable` (a Redis error, or a timeout within TIMEOUT_S) and the route
either serves uncached (a read) or answers 503 (a write that must invalidate).
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

from flask import Flask, current_app

from flask_track.core.dependencies import redis_errors
from flask_track.extensions import cache, redis_client

log = logging.getLogger("flask_track.cache")

# Every key lives under this prefix in Redis (the database may hold other users' keys).
KEY_PREFIX = "flask_track:cache:"
# A request that needs Redis answers within a few seconds when Redis is gone (connect + read).
TIMEOUT_S = 2
EXTENSION = "flask_track.cache_backend"


class CacheUnavailable(Exception):
    """The cache backend (Redis) did not answer."""


def init_cache(app: Flask) -> None:
    """Configure and bind Flask-Caching: RedisCache with REDIS_URL, else SimpleCache."""
    url = app.config.get("REDIS_URL")
    if url:
        app.config.update(
            CACHE_TYPE="RedisCache",
            CACHE_REDIS_URL=url,
            # Passed to redis.from_url: a dead or black-holed Redis fails fast, never hangs.
            CACHE_OPTIONS={"socket_timeout": TIMEOUT_S, "socket_connect_timeout": TIMEOUT_S},
        )
    else:
        app.config.update(CACHE_TYPE="SimpleCache", CACHE_THRESHOLD=10_000)
    app.config.update(CACHE_KEY_PREFIX=KEY_PREFIX, CACHE_DEFAULT_TIMEOUT=60)
    app.extensions[EXTENSION] = "redis" if url else "simple"
    cache.init_app(app)


def backend_name() -> str:
    """`redis` or `simple`: the backend this app caches in."""
    name: str = current_app.extensions[EXTENSION]
    return name


def _unavailable(error: Exception) -> CacheUnavailable:
    log.error("cache unavailable", extra={"fields": {"error_type": type(error).__name__}})
    return CacheUnavailable(type(error).__name__)


def cache_get(key: str) -> Any:
    """The cached value or None."""
    try:
        return cache.get(key)
    except redis_errors() as error:
        raise _unavailable(error) from None


def cache_set(key: str, value: Any, timeout_s: int) -> None:
    """Store a value for `timeout_s` seconds."""
    try:
        cache.set(key, value, timeout=timeout_s)
    except redis_errors() as error:
        raise _unavailable(error) from None


def cache_add(key: str, value: Any, timeout_s: int) -> bool:
    """Store a value unless the key exists; True when this call stored it."""
    try:
        added: bool = cache.add(key, value, timeout=timeout_s)
    except redis_errors() as error:
        raise _unavailable(error) from None
    return bool(added)


def cache_delete(key: str) -> None:
    """Forget a key (a missing key is fine)."""
    try:
        cache.delete(key)
    except redis_errors() as error:
        raise _unavailable(error) from None


def acquire_lock(key: str, ttl_s: int) -> bool:
    """Take a short lock named `key` for `ttl_s` seconds, atomically; False when held.

    Redis: one `SET key NX EX ttl` (cachelib's `add` is SETNX then EXPIRE: a crash between
    them would leave a lock that never expires). SimpleCache: its `add` holds a lock.
    """
    if backend_name() == "simple":
        added: bool = cache.add(key, "1", timeout=ttl_s)
        return added
    client = redis_client.client
    assert client is not None  # REDIS_URL is set whenever the backend is redis
    try:
        return bool(client.set(KEY_PREFIX + key, uuid.uuid4().hex, nx=True, ex=ttl_s))
    except redis_errors() as error:
        raise _unavailable(error) from None


def release_lock(key: str) -> None:
    """Give a lock back early; if the cache is gone the lock simply expires."""
    with contextlib.suppress(CacheUnavailable):
        cache_delete(key)
