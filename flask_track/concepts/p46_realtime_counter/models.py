"""The counter: one row, incremented by the database itself (atomic on every worker)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.extensions import db

COUNTER_ID = 1


class Counter(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """A named counter; p46 uses the row with id 1 (seeded by the migration)."""

    __tablename__ = "p46_counters"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0, server_default="0")
