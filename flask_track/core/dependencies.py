"""Which outside service an error means is down: the database or Redis (CATALOG §0: 503).

Used by /ready (each check named) and by the last-resort error handler, so a route that meets
a dead dependency answers 503 dependency-unavailable, never a 500, even if the route itself
does not catch the error.
"""

from __future__ import annotations

import redis
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError


def unavailable_dependency(error: BaseException) -> str | None:
    """ "database" or "redis" when `error` is that service not answering, else None."""
    if isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    ):
        return "database"
    if isinstance(error, (redis.ConnectionError, redis.TimeoutError)):
        return "redis"
    return None
