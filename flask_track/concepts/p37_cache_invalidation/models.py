"""The p37 Article model (its table is made by Alembic, 0008_l4_cache)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

TITLE_MAX = 200
BODY_MAX = 10_000


class Article(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """An article: the database is the truth, the cache only holds copies of it."""

    __tablename__ = "p37_articles"
    # Ids are never reused on SQLite either: a cached copy of a deleted id never names another.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
