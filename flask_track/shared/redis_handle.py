"""One Redis client per app, from REDIS_URL: the service handle every Redis user shares.

p29's blocklist uses it today; Level 4's cache, limiter and queue build on the same URL.
Unset REDIS_URL means "no Redis": `client` is None and callers use their in-process or
database fallback (CATALOG §0), which is correct for one process only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, current_app

from flask_track.core.readiness import add_readiness_check

if TYPE_CHECKING:  # redis itself is imported only when REDIS_URL asks for a client
    import redis

EXTENSION = "flask_track.redis"
# A request that needs Redis must answer (503) within a few seconds when Redis is gone.
TIMEOUT_S = 2


class RedisHandle:
    """The app's Redis client or None (the Flask extension pattern: unbound, `init_app`)."""

    def init_app(self, app: Flask) -> None:
        """Create the client (it connects lazily, on first use) when REDIS_URL is set."""
        url = app.config.get("REDIS_URL")
        client = None
        if url:
            import redis  # not at the top: without REDIS_URL no process needs it (4 MiB)

            client = redis.Redis.from_url(
                url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S
            )
        app.extensions[EXTENSION] = client
        if client is not None:
            add_readiness_check(app, "redis", client.ping)  # /ready names Redis when it is down

    @property
    def client(self) -> redis.Redis | None:
        """The current app's client, or None when REDIS_URL is unset."""
        client: redis.Redis | None = current_app.extensions[EXTENSION]
        return client
