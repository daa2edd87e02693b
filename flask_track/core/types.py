"""Column types shared by the ORM models of every concept.

`UTCDateTime` stores an instant: timezone-aware UTC in Python, whatever the database does.
PostgreSQL's `timestamptz` keeps the instant and hands back an aware datetime; SQLite has no
datetime type at all (SQLAlchemy stores text without an offset) and hands back a naive one.
Normalising to UTC on the way in and re-attaching UTC on the way out makes both behave the
same, so serialisers always print an offset and keyset cursors compare like with like.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Now, timezone-aware, in UTC (the default of every created_at column)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """DateTime(timezone=True) that only ever accepts and returns aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            # A naive datetime is ambiguous (local? UTC?): refuse it instead of guessing.
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        moment = value.astimezone(UTC)
        # SQLite would store the offset-less text anyway; PostgreSQL keeps the instant.
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        if stored.tzinfo is None:
            return stored.replace(tzinfo=UTC)
        return stored.astimezone(UTC)


# 64-bit ids everywhere, matching the `<id:...>` URL converter (ids up to 2**63-1): BIGINT
# (bigserial) on PostgreSQL, where a plain INTEGER would make a large id in an INSERT a 500
# ("integer out of range"); on SQLite only the exact type INTEGER PRIMARY KEY is the
# auto-incrementing rowid, and it is 64-bit already.
BigIntId = BigInteger().with_variant(Integer(), "sqlite")
