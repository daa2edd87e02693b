"""p20 model: items listed newest first, keyed by (created_at, id) for keyset pagination."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

NAME_MAX = 200


class Item(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """One item; the migration seeds 1,000 of them."""

    __tablename__ = "p20_items"
    # The sort key of every page, in one index: ORDER BY created_at DESC, id DESC LIMIT n and
    # WHERE (created_at, id) < (:c, :i) both walk this index backwards from a point, so a page
    # costs the same at the start and 900,000 rows deep. id breaks ties between equal times.
    __table_args__ = (
        Index("ix_p20_items_created_at_id", "created_at", "id"),
        {"sqlite_autoincrement": True},  # ids are never reused (see p19's models)
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<Item {self.id} {self.name!r}>"
