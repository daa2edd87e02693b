"""Database failures as problems: which errors mean "not now" (503) rather than a bug (500).

Every concept that talks to the database (p11-p20, the users of Level 3) answers the same 503
`dependency-unavailable` when it does not answer; this is the one place that decides.
"""

from __future__ import annotations

import logging
import sqlite3

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from flask_track.core.problems import ProblemError

log = logging.getLogger("flask_track.database")

# SQLite's primary result codes that mean "not now" rather than "wrong statement": busy or
# locked past busy_timeout, out of memory or disk, the file cannot be opened or read. Python's
# sqlite3 raises OperationalError for these AND for a typo in a statement, so the code decides.
SQLITE_UNAVAILABLE = {5, 6, 7, 8, 10, 13, 14, 15}  # BUSY LOCKED NOMEM READONLY IOERR FULL ...


def is_unavailable(error: DBAPIError) -> bool:
    """True when the database cannot serve right now (503), False for a bug (500).

    psycopg raises OperationalError for connection trouble (refused, gone, admin shutdown,
    too many connections); a bad statement is a ProgrammingError. sqlite3 is coarser: see
    SQLITE_UNAVAILABLE.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    original = error.orig
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        if code is None:  # pragma: no cover - Python < 3.11 has no error codes
            return "locked" in str(original) or "unable to open" in str(original)
        return code & 0xFF in SQLITE_UNAVAILABLE
    return True


def unavailable(error: Exception) -> ProblemError:
    """The 503 problem for a database that does not answer (connection refused, gone, locked).

    The driver's message names hosts, ports, users, sometimes file paths: it goes to the log
    (class name only), never to the client.
    """
    log.warning("database unavailable: %s", type(getattr(error, "orig", error)).__name__)
    return ProblemError(
        503,
        "dependency-unavailable",
        "The database does not answer; try again shortly.",
        headers={"Retry-After": "5"},
    )
