"""Stored error records: the database keeps them, so any worker can answer for any error."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import UTCDateTime, utcnow
from flask_track.extensions import db


class ErrorRecord(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """One unhandled error: its id (the 500 body's `error_id`) and the JSON log record."""

    __tablename__ = "p49_error_records"

    error_id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # The same JSON object the log line holds (already redacted), plus the user id.
    record: Mapped[str] = mapped_column(sa.Text())
