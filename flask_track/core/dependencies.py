"""Which outside service an error means is down: the database or Redis (CATALOG §0: 503).

Used by the last-resort error handler (core/problems.py) and by shared/database.py, so a
route that meets a dead dependency answers 503 dependency-unavailable, never a 500, even if
the route itself does not catch the error.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from types import ModuleType
from typing import Any, cast

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# SQLite's primary result codes that mean "not now" rather than "wrong statement" (sqlite3
# raises OperationalError for a typo too, so the code decides): BUSY LOCKED NOMEM READONLY
# IOERR FULL CANTOPEN PROTOCOL.
SQLITE_UNAVAILABLE = {5, 6, 7, 8, 10, 13, 14, 15}


def database_down(error: BaseException) -> bool:
    """True when `error` means the database cannot serve now (503), False for a bug (500).

    psycopg raises OperationalError for connection trouble (refused, gone, admin shutdown,
    too many connections); a bad statement is a ProgrammingError. sqlite3 is coarser: the
    primary result code decides (SQLITE_UNAVAILABLE).
    """
    if isinstance(error, InterfaceError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    ):
        return True
    if not isinstance(error, OperationalError):
        return False
    original = error.orig
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        return code is not None and code & 0xFF in SQLITE_UNAVAILABLE
    return True  # psycopg: OperationalError is connection trouble; bad SQL is ProgrammingError


def redis_errors(
    *names: str, also: tuple[type[Exception], ...] = ()
) -> tuple[type[Exception], ...]:
    """redis-py's exception classes `names` (default: its base RedisError) plus `also`.

    Without redis imported by any code of this process no redis error can exist, so the
    answer is `also` alone (`except ():` catches nothing). So redis (4 MiB, issue 11) is
    imported only where a Redis is used (REDIS_URL), not by every module handling its errors.
    """
    module = sys.modules.get("redis")
    if module is None:
        return also
    found = tuple(cast(type[Exception], getattr(module, n)) for n in names or ("RedisError",))
    return found + also


def unavailable_dependency(error: BaseException) -> str | None:
    """Name the service ("database", "redis") when `error` is it not answering, else None."""
    if database_down(error):
        return "database"
    if isinstance(error, redis_errors("ConnectionError", "TimeoutError")):
        return "redis"
    return None


class LazyModule:
    """A module imported on first attribute access (for code only some requests need).

    `provider = LazyModule("pkg.provider")` at the top of a views module, then
    `provider.server()` in a view: the import (and everything it imports) happens on the first
    request that uses it, not at start, so a worker that never serves that concept never pays
    its memory. Put the real import under `if TYPE_CHECKING:` so type checkers see the module.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            # Thread-safe by itself: import_module imports once and hands every thread the
            # same module from sys.modules.
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        state = "imported" if self._module is not None else "not imported yet"
        return f"<LazyModule {self._name} ({state})>"
