"""GET /p36/square/{n} (slow, then cached 60 s) and GET /p36/cache (the backend in use)."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from flask_track.concepts.p36_cache.schemas import BackendOut, SquareOut
from flask_track.core.openapi import Blueprint
from flask_track.shared.cache import (
    CacheUnavailable,
    acquire_lock,
    backend_name,
    cache_get,
    cache_set,
    release_lock,
)

blp = Blueprint("p36", __name__)
log = logging.getLogger("flask_track.cache")

TTL_S = 60
COMPUTE_S = 0.2  # the "expensive" part: what the cache saves
# Single flight: one request computes, the others wait for its result at most WAIT_S.
LOCK_TTL_S = 5
WAIT_S = 3.0
POLL_S = 0.01
X_CACHE_DOC = {
    "X-Cache": {
        "schema": {"type": "string", "enum": ["HIT", "MISS", "BYPASS"]},
        "description": "HIT: from the cache; MISS: computed now; BYPASS: cache down, computed",
    }
}


def slow_square(n: int) -> int:
    """The computation worth caching (a sleep stands in for real work)."""
    time.sleep(COMPUTE_S)
    return n * n


def _answer(n: int, square: int, outcome: str) -> ResponseReturnValue:
    response = jsonify(SquareOut().dump({"n": n, "square": square}))
    response.headers["X-Cache"] = outcome
    return response


def _wait_for(key: str) -> Any:
    """Poll the cache while another request computes; None when it takes too long."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        time.sleep(POLL_S)
        value = cache_get(key)
        if value is not None:
            return value
    return None


@blp.route("/square/<id:n>")
@blp.response(200, SquareOut, headers=X_CACHE_DOC)
def square(n: int) -> ResponseReturnValue:
    """n squared: 200 ms the first time (MISS), then from the cache for 60 s (HIT)."""
    key = f"p36:square:{n}"
    try:
        cached = cache_get(key)
        if cached is not None:
            return _answer(n, cached, "HIT")
        lock = f"{key}:lock"
        if acquire_lock(lock, LOCK_TTL_S):
            try:
                # Someone may have finished between our miss and our lock: look again.
                cached = cache_get(key)
                if cached is not None:
                    return _answer(n, cached, "HIT")
                value = slow_square(n)
                cache_set(key, value, TTL_S)
                return _answer(n, value, "MISS")
            finally:
                release_lock(lock)
        cached = _wait_for(key)
        if cached is not None:
            return _answer(n, cached, "HIT")
        # The lock holder died or is very slow: compute rather than fail (a second MISS).
        value = slow_square(n)
        cache_set(key, value, TTL_S)
        return _answer(n, value, "MISS")
    except CacheUnavailable:
        # The cache is an optimisation: without it the answer is still right, only slow.
        return _answer(n, slow_square(n), "BYPASS")


@blp.route("/cache")
@blp.response(200, BackendOut)
def backend() -> dict[str, str]:
    """The cache backend in use: `redis` (shared by every worker) or `simple` (this process)."""
    return {"backend": backend_name()}
