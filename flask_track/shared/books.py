"""The p17 Book model: a typed SQLAlchemy 2 declarative class (its table is made by Alembic)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

TITLE_MAX = 200
AUTHOR_MAX = 200


class Book(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """A book; `isbn` is stored normalised to 13 digits and is unique."""

    __tablename__ = "p17_books"
    # Named constraints: the migration creates the same names, and an IntegrityError that
    # mentions one can be told apart from any other.
    __table_args__ = (
        UniqueConstraint("isbn", name="uq_p17_books_isbn"),
        # GET /p17/books lists newest first: this index serves ORDER BY ... DESC LIMIT n.
        Index("ix_p17_books_created_at_id", "created_at", "id"),
        # p18 filters and groups by author.
        Index("ix_p17_books_author", "author"),
        # Ids are never reused on SQLite either (see p19's models for why it matters).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX))
    isbn: Mapped[str] = mapped_column(String(13))
    pages: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<Book {self.id} {self.isbn} {self.title!r}>"
