"""The `notes` store of p12-p16: the row type, timestamps, failures, and one-note reads.

p12 creates the table with hand-written DDL (`concepts/p12_create_table/`); p13 inserts,
p14 reads, p15 updates and p16 deletes with raw SQL of their own. What all of them need lives
here: the conversion of a row to a `Note`, the timestamp format, fetching one note, the 404
and 412 answers, and the translation of database failures into problems (a missing table is
the client's to fix: 409; a database that does not answer is 503).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.database import database_errors_as_503

TABLE = "notes"
SUPPORTED_DIALECTS = ("sqlite", "postgresql")
ONE_MICROSECOND = timedelta(microseconds=1)
SETUP_HINT = "The notes table does not exist yet: create it with POST /p12/setup first."
SELECT_ONE = text("SELECT id, title, body, created_at, updated_at FROM notes WHERE id = :id")
# Without If-Match, a round lost to a concurrent writer is retried on the fresh row (p15,
# p16); this bounds the loop under a pathological storm of writes to one note.
MAX_ATTEMPTS = 5

ETAG_HEADER = {"ETag": {"schema": {"type": "string"}, "description": "Strong entity tag."}}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag the change is based on (or *): 412 if the note has changed since.",
}


@dataclass(frozen=True)
class Note:
    """One row of `notes`, with timestamps as aware UTC datetimes.

    `version` is updated_at exactly as the database returned it (text on SQLite, a datetime
    on PostgreSQL): p15 and p16 bind it back in `WHERE updated_at = :seen`, so the comparison
    is the database's own, with no formatting round trip in between.
    """

    id: int
    title: str
    body: str
    created_at: datetime
    updated_at: datetime
    version: Any


def dialect() -> str:
    """The name of the database dialect in use (`sqlite` or `postgresql`)."""
    name = db.engine.dialect.name
    if name not in SUPPORTED_DIALECTS:  # pragma: no cover - DATABASE_URL is ours to choose
        raise ProblemError(501, None, f"The notes concepts support {SUPPORTED_DIALECTS}.")
    return name


# ------------------------------------------------------------------------------ timestamps


def utc_now() -> datetime:
    """Now, as an aware UTC datetime with microseconds."""
    return datetime.now(UTC)


def next_timestamp(previous: datetime) -> datetime:
    """A new updated_at: now, but never equal to or before the previous one.

    Two updates within the same microsecond, or a clock stepped back by NTP, would otherwise
    give a note the same (or an older) updated_at, and clients comparing them would miss the
    change.
    """
    return max(utc_now(), previous + ONE_MICROSECOND)


def to_db_time(value: datetime) -> Any:
    """A UTC datetime as the column stores it: TIMESTAMPTZ takes datetimes, SQLite text."""
    value = value.astimezone(UTC)
    if dialect() == "postgresql":
        return value
    return value.isoformat(timespec="microseconds")


def from_db_time(value: Any) -> datetime:
    """A stored timestamp (text on SQLite, datetime on PostgreSQL) as an aware UTC datetime."""
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:  # written by hand without an offset: the table's times are UTC
        moment = moment.replace(tzinfo=UTC)
    # psycopg answers in the session's TimeZone; the API speaks UTC.
    return moment.astimezone(UTC)


def note_from_row(row: Mapping[Any, Any]) -> Note:
    """A `Note` from a row with the columns id, title, body, created_at, updated_at."""
    return Note(
        id=int(row["id"]),
        title=row["title"],
        body=row["body"],
        created_at=from_db_time(row["created_at"]),
        updated_at=from_db_time(row["updated_at"]),
        version=row["updated_at"],
    )


# --------------------------------------------------------------------------- failures


def is_missing_table(error: DBAPIError) -> bool:
    """True when the statement failed because `notes` does not exist."""
    original = error.orig
    if getattr(original, "sqlstate", None) == "42P01":  # PostgreSQL undefined_table
        return True
    return f"no such table: {TABLE}" in str(original)


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn database failures into problems: 409 for a missing table, 503 when it is down.

    Anything else (a constraint the validation should have caught, a typo in a statement) is
    a bug and stays a 500, logged by the app-wide handler.
    """
    # Connection refused, server gone, "database is locked" after busy_timeout: 503 (the
    # request may succeed later), by the rule every database route shares.
    with database_errors_as_503():
        try:
            yield
        except DBAPIError as error:
            if is_missing_table(error):
                db.session.rollback()
                raise ProblemError(409, "conflict", SETUP_HINT) from None
            raise


# ------------------------------------------------------------------------- one note


def fetch_note(note_id: int) -> Note | None:
    """The note with this id, or None (p14 reads it; p15 and p16 read it before writing)."""
    with database_errors():
        row = db.session.execute(SELECT_ONE, {"id": note_id}).mappings().one_or_none()
        db.session.commit()  # end the read transaction: no snapshot held between requests
    return note_from_row(row) if row is not None else None


def not_found(note_id: int) -> ProblemError:
    """The 404 for a note id with no row behind it."""
    return ProblemError.not_found(f"There is no note {note_id}.")


def precondition_failed(note_id: int) -> ProblemError:
    """The 412 for a write based on a version that is no longer current."""
    return ProblemError(
        412,
        "precondition-failed",
        f"Note {note_id} has changed since the ETag in If-Match: read it again, then retry.",
    )
