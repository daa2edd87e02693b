"""The rate-limit counters' storage: the `limits` library's, held on the app like any handle.

Redis (REDIS_URL, shared by every worker) or memory:// (one process). p23's failed-login
throttle and p38's rate limit count here through `shared/rate_limits.py`. Flask-Limiter would
wrap the same library, but its app-wide hooks ran on every request of every route (12-16 % of
the always-on cost, issue 11) while no route uses its decorators: the library alone does.
"""

from __future__ import annotations

from flask import Flask, current_app
from limits.storage import RedisStorage, Storage, storage_from_string

EXTENSION = "flask_track.rate_limits"
# A Redis that stops answering must turn into a 503 within seconds, never a hung request.
REDIS_OPTIONS = {"socket_timeout": 2, "socket_connect_timeout": 2}


class RateLimitStorage:
    """The app's counters (the Flask extension pattern: created unbound, `init_app`)."""

    def init_app(self, app: Flask) -> None:
        """Connect (lazily) to Redis when REDIS_URL is set, else keep counters in memory."""
        url = app.config.get("REDIS_URL")
        app.extensions[EXTENSION] = (
            storage_from_string(url, **REDIS_OPTIONS) if url else storage_from_string("memory://")
        )

    @property
    def storage(self) -> Storage:
        """The current app's storage."""
        storage: Storage = current_app.extensions[EXTENSION]
        return storage

    @property
    def backend(self) -> str:
        """`redis` or `memory`: where the current app's counters live (p43 reports it)."""
        return "redis" if isinstance(self.storage, RedisStorage) else "memory"
