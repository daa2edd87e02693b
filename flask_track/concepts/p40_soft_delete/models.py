"""p40 model: a Document owned by a user; `deleted_at` set means soft-deleted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

TITLE_MAX = 200
SLUG_MAX = 100
BODY_MAX = 10_000

# The predicate of "live" rows, shared by the partial index and every query that hides the
# deleted ones. Both SQLite (3.8+) and PostgreSQL support partial indexes with it.
LIVE = "deleted_at IS NULL"


class Document(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """A document; slugs are unique among live documents, across all users."""

    __tablename__ = "p40_documents"
    __table_args__ = (
        # THE rule of this concept, kept by the database: at most one LIVE document per slug.
        # A soft-deleted row keeps its slug, so a plain UNIQUE(slug) would forbid reusing it;
        # the partial index only covers rows WHERE deleted_at IS NULL. Creates and restores
        # racing for one slug are decided by it, atomically, on both dialects.
        Index(
            "uq_p40_documents_live_slug",
            "slug",
            unique=True,
            sqlite_where=text(LIVE),
            postgresql_where=text(LIVE),
        ),
        # PostgreSQL does not index foreign keys by itself; ON DELETE CASCADE looks them up.
        Index("ix_p40_documents_owner_id", "owner_id"),
        {"sqlite_autoincrement": True},  # ids never reused (see p19's models)
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        BigIntId, ForeignKey("users.id", ondelete="CASCADE", name="fk_p40_documents_owner")
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    slug: Mapped[str] = mapped_column(String(SLUG_MAX))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.slug!r}{' deleted' if self.deleted_at else ''}>"
