"""Count and record the SQL statements one piece of work sends to the database.

One listener is attached to every SQLAlchemy Engine (like the SQLite pragmas in database.py);
it does nothing unless the current context opened a capture. The capture lives in a
ContextVar, so it belongs to the thread (gunicorn gthread) or task handling one request:
statements that other requests run at the same time, on the same engine, are never counted.
Adding and removing a listener per request instead would be racy under threads and would
still see every thread's statements.

    with capture_queries() as log:
        ...                      # ORM / Core / text() work
    log.count, log.statements    # what was sent, in order

Used by p18 (show the SQL the ORM emitted) and p19 (the X-Query-Count header).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@dataclass
class QueryLog:
    """The statements sent while a capture was open, in order."""

    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


# A stack, so that captures nest (a p19 request capture around a helper's own capture).
_active: ContextVar[tuple[QueryLog, ...]] = ContextVar("query_logs", default=())


@event.listens_for(Engine, "before_cursor_execute")
def _record(
    _conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, executemany: bool
) -> None:
    """Append the statement to every open capture of this context (one per executemany)."""
    for log in _active.get():
        log.statements.append(statement)


@contextmanager
def capture_queries() -> Iterator[QueryLog]:
    """Record the statements the current thread/task sends until the block exits."""
    log = QueryLog()
    token = _active.set((*_active.get(), log))
    try:
        yield log
    finally:
        _active.reset(token)


def start_capture() -> tuple[QueryLog, object]:
    """Open a capture without a with-block (for before_request/after_request pairs)."""
    log = QueryLog()
    token = _active.set((*_active.get(), log))
    return log, token


def stop_capture(token: object) -> None:
    """Close a capture opened by start_capture()."""
    _active.reset(token)  # type: ignore[arg-type]
