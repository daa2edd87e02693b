"""Atomic "hit a limit for a key": one step that checks AND counts, across worker processes.

Why not `limits`' `test()` then `hit()` (what p23 did): between the two calls another worker
can pass the same test, so 12 concurrent wrong logins for one email got 9-12 answers of 401
instead of at most 5. Here the check and the count are a single Redis Lua script (Redis runs
a script alone: no other command interleaves), or one critical section under a lock when the
storage is the per-process memory fallback (one process is then the whole app, README).

p23 checks the password first and only then hits the limit, for a failure only (CATALOG p23:
successful logins are not counted): of 20 concurrent wrong logins exactly 5 are counted and
answer 401, the 15 hits refused answer 429. A right password answers 200 only if fewer than 5
failures are counted when its check ends (`peek`), so a burst of guesses cannot slip a 6th one
through. p38's rate limit reuses `hit()` for every request. The window is a moving window: a
sorted set of hit times per key, stamped with Redis' own clock, so the workers' clocks cannot
disagree about it.

The storage is Flask-Limiter's (`flask_track.extensions.limiter.storage`): Redis when
REDIS_URL is set, else memory. Storage errors raise `LimitStorageError`; callers fail closed
(503 dependency-unavailable), never open.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol

from flask import current_app
from limits.storage import RedisStorage

from flask_track.core.problems import ProblemError
from flask_track.extensions import limiter

log = logging.getLogger("flask_track.auth")

KEY_PREFIX = "flask_track:hit:"
EXTENSION = "flask_track.atomic_limits"

# KEYS[1]: the key's sorted set; ARGV: limit, window (ms), member.
# Returns {allowed (1/0), hits in the window after this one, reset time (ms), now (ms)}.
HIT_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, count, tonumber(oldest[2]) + window, now}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {1, count + 1, tonumber(first[2]) + window, now}
"""


# The same window, read only: {hits in the window, reset time (ms), now (ms)}.
PEEK_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local since = now - window
local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], since, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
local count = redis.call('ZCOUNT', KEYS[1], since, '+inf')
if count == 0 then
  return {0, now + window, now}
end
return {count, tonumber(oldest[2]) + window, now}
"""


class LimitStorageError(Exception):
    """The limit's storage did not answer: the caller must fail closed."""


@dataclass(frozen=True)
class Limit:
    """At most `amount` hits per key in any `seconds`-long moving window."""

    amount: int
    seconds: int


@dataclass(frozen=True)
class Hit:
    """The outcome of one hit: allowed or not, and what the limit headers need."""

    allowed: bool
    key: str
    member: str
    count: int
    limit: Limit
    reset_at: float  # epoch seconds when the oldest counted hit leaves the window
    now: float

    @property
    def remaining(self) -> int:
        return max(0, self.limit.amount - self.count)

    @property
    def retry_after(self) -> int:
        """Whole seconds until a hit can be allowed again (at least 1)."""
        return max(1, math.ceil(self.reset_at - self.now))


class Backend(Protocol):
    def hit(self, key: str, limit: Limit, member: str) -> tuple[bool, int, float, float]: ...

    def peek(self, key: str, limit: Limit) -> tuple[int, float, float]: ...


class RedisBackend:
    """The Lua script above; one round trip per hit."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.script = client.register_script(HIT_SCRIPT)
        self.peek_script = client.register_script(PEEK_SCRIPT)

    def hit(self, key: str, limit: Limit, member: str) -> tuple[bool, int, float, float]:
        allowed, count, reset_ms, now_ms = self.script(
            keys=[key], args=[limit.amount, limit.seconds * 1000, member]
        )
        return bool(allowed), int(count), int(reset_ms) / 1000, int(now_ms) / 1000

    def peek(self, key: str, limit: Limit) -> tuple[int, float, float]:
        count, reset_ms, now_ms = self.peek_script(keys=[key], args=[limit.seconds * 1000])
        return int(count), int(reset_ms) / 1000, int(now_ms) / 1000


class MemoryBackend:
    """One process: the same moving window in a dict of deques, under one lock."""

    SWEEP_EVERY = 1000  # hits between sweeps of keys whose hits all expired

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: dict[str, deque[tuple[float, str]]] = {}
        self.windows: dict[str, float] = {}
        self.since_sweep = 0

    def hit(self, key: str, limit: Limit, member: str) -> tuple[bool, int, float, float]:
        with self.lock:
            now = time.time()
            self._sweep(now)
            window = self.hits.setdefault(key, deque())
            self.windows[key] = limit.seconds
            while window and window[0][0] <= now - limit.seconds:
                window.popleft()
            if len(window) >= limit.amount:
                return False, len(window), window[0][0] + limit.seconds, now
            window.append((now, member))
            return True, len(window), window[0][0] + limit.seconds, now

    def peek(self, key: str, limit: Limit) -> tuple[int, float, float]:
        with self.lock:
            now = time.time()
            live = [at for at, _ in self.hits.get(key, ()) if at > now - limit.seconds]
            return len(live), (live[0] if live else now) + limit.seconds, now

    def _sweep(self, now: float) -> None:
        self.since_sweep += 1
        if self.since_sweep < self.SWEEP_EVERY:
            return
        self.since_sweep = 0
        for key in [k for k, w in self.hits.items() if not w or w[-1][0] <= now - self.windows[k]]:
            del self.hits[key]
            del self.windows[key]


def _backend() -> Backend:
    backend = current_app.extensions.get(EXTENSION)
    if backend is None:
        storage = limiter.storage
        if isinstance(storage, RedisStorage):
            backend = RedisBackend(storage.get_connection())
        else:
            backend = MemoryBackend()
        current_app.extensions[EXTENSION] = backend
    return backend


def hit(limit: Limit, namespace: str, key: str) -> Hit:
    """Count one hit for `namespace:key` if the limit allows it, in one atomic step.

    Raises LimitStorageError when the storage does not answer (fail closed).
    """
    full_key = f"{KEY_PREFIX}{namespace}:{key}"
    member = secrets.token_hex(8)
    try:
        allowed, count, reset_at, now = _backend().hit(full_key, limit, member)
    except Exception as error:  # redis errors and friends: the caller answers 503
        raise LimitStorageError(type(error).__name__) from error
    return Hit(allowed, full_key, member, count, limit, reset_at, now)


def peek(limit: Limit, namespace: str, key: str) -> Hit:
    """The key's state without counting: `allowed` is whether one more hit would be."""
    full_key = f"{KEY_PREFIX}{namespace}:{key}"
    try:
        count, reset_at, now = _backend().peek(full_key, limit)
    except Exception as error:
        raise LimitStorageError(type(error).__name__) from error
    return Hit(count < limit.amount, full_key, "", count, limit, reset_at, now)


# ---------------------------------------------------------------- p23's failed-login throttle

# 5 failed logins per email+client in any 60 seconds (a moving window, not a calendar minute).
FAILED_LOGIN_LIMIT = Limit(5, 60)
FAILED_LOGIN = "failed-login"


def _storage_unavailable(error: Exception) -> ProblemError:
    log.error("rate-limit storage failed", extra={"fields": {"error_type": str(error)}})
    return ProblemError(
        503, "dependency-unavailable", "The login throttle's storage is unavailable; retry."
    )


def _rate_limited(state: Hit) -> ProblemError:
    return ProblemError(
        429,
        "rate-limited",
        "Too many failed logins for this account from your address; retry later.",
        headers={"Retry-After": str(state.retry_after)},
    )


def check_login_allowed(key: str) -> None:
    """429 rate-limited when `key` (email+client) already failed 5 times in the last minute,
    503 dependency-unavailable when the storage does not answer. Counts nothing: called before
    the password check (no hashing for a locked key) and again after a right password."""
    try:
        state = peek(FAILED_LOGIN_LIMIT, FAILED_LOGIN, key)
    except LimitStorageError as error:
        raise _storage_unavailable(error) from None
    if not state.allowed:
        raise _rate_limited(state)


def count_failed_login(key: str) -> None:
    """Count one failed login, atomically with the check: when 5 are already counted (another
    worker's concurrent failures won the race), this one is refused too and answers 429."""
    try:
        taken = hit(FAILED_LOGIN_LIMIT, FAILED_LOGIN, key)
    except LimitStorageError as error:
        raise _storage_unavailable(error) from None
    if not taken.allowed:
        raise _rate_limited(taken)
