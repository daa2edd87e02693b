"""Database failures as problems: which errors mean "not now" (503) rather than a bug (500).

Every concept that talks to the database (p11-p20, the users of Level 3) answers the same 503
`dependency-unavailable` when it does not answer; this is the one place that decides.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from flask_track.core.dependencies import database_down
from flask_track.core.problems import ProblemError
from flask_track.extensions import db

log = logging.getLogger("flask_track.database")


def is_unavailable(error: DBAPIError) -> bool:
    """True when the database cannot serve right now (503), False for a bug (500).

    The rule itself is core's (`core/dependencies.py`), so the last-resort error handler and
    every route that catches database errors decide alike.
    """
    return database_down(error)


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


@contextmanager
def database_errors_as_503() -> Iterator[None]:
    """Roll back on a database error; a database that does not answer becomes the 503.

    Any other database error is a bug and stays one (the app-wide handler answers 500).
    """
    try:
        yield
    except DBAPIError as error:
        db.session.rollback()
        if is_unavailable(error):
            raise unavailable(error) from None
        raise
