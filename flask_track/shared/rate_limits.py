"""One atomic rate-limit step for any route: `hit(limit, *key) -> (allowed, remaining, reset_s)`.

The counters live in the `limits` library's storage (`extensions.rate_limit_storage`: memory://
in one process, Redis with REDIS_URL, shared by every worker). `hit()` is ONE atomic storage
operation (limits' moving window: a Lua script on Redis, a per-key lock in memory) that both
checks and counts, so 20 concurrent requests cannot all pass a "test, then hit" gap: exactly
`limit.amount` of them get `allowed=True`. A refused request is not counted.

Storage down → 503 dependency-unavailable (fail closed: a limiter that lets everything through
when Redis dies is no limiter), within the storage's socket timeout.
"""

from __future__ import annotations

import logging
import math
import time
from typing import NamedTuple

from limits import RateLimitItem
from limits.errors import StorageError
from limits.strategies import MovingWindowRateLimiter

from flask_track.core.dependencies import redis_errors
from flask_track.core.problems import ProblemError
from flask_track.extensions import rate_limit_storage

log = logging.getLogger("flask_track.rate_limits")


class LimitResult(NamedTuple):
    """What one counted request learns: allowed?, hits left, seconds until a slot frees."""

    allowed: bool
    remaining: int
    reset_s: int


def storage_unavailable(error: Exception) -> ProblemError:
    """The 503 every limited route answers when the counters cannot be reached."""
    log.error("rate-limit storage failed", extra={"fields": {"error_type": type(error).__name__}})
    return ProblemError(
        503, "dependency-unavailable", "The rate limiter's storage is unavailable; retry."
    )


def hit(limit: RateLimitItem, *key: str) -> LimitResult:
    """Count one request against `limit` for `key` (e.g. "p38", "user:7"), atomically."""
    strategy = MovingWindowRateLimiter(rate_limit_storage.storage)  # stateless: free per call
    try:
        allowed = strategy.hit(limit, *key)
        # Informational only (the decision above is already made): a second round trip.
        reset_at, remaining = strategy.get_window_stats(limit, *key)
    except redis_errors(also=(StorageError, OSError)) as error:
        raise storage_unavailable(error) from None
    reset_s = max(0, math.ceil(reset_at - time.time()))
    return LimitResult(allowed, max(0, remaining), reset_s)


def test(limit: RateLimitItem, *key: str) -> LimitResult:
    """Whether one more request would pass, without counting it (a look, not a decision)."""
    strategy = MovingWindowRateLimiter(rate_limit_storage.storage)
    try:
        allowed = strategy.test(limit, *key)
        reset_at, remaining = strategy.get_window_stats(limit, *key)
    except redis_errors(also=(StorageError, OSError)) as error:
        raise storage_unavailable(error) from None
    return LimitResult(allowed, max(0, remaining), max(0, math.ceil(reset_at - time.time())))
