"""The p31 table: what is known about each stored upload (the bytes live in UPLOAD_DIR)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

FILENAME_MAX = 100
CONTENT_TYPE_MAX = 100


class StoredFile(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """One upload: its owner, the neutralised original name, size, sniffed type and digest."""

    __tablename__ = "p31_files"
    __table_args__ = (
        sa.UniqueConstraint("stored_name", name="uq_p31_files_stored_name"),
        sa.Index("ix_p31_files_owner_id", "owner_id"),
        # Ids are never reused on SQLite: a deleted file's id never names someone else's file.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        BigIntId, sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_p31_files_owner")
    )
    # Metadata only: shown to the owner and used as the download name, never as a path.
    filename: Mapped[str] = mapped_column(sa.String(FILENAME_MAX))
    # The name on disk: generated (uuid4 hex), never derived from anything the client sent.
    stored_name: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int] = mapped_column(sa.BigInteger())
    content_type: Mapped[str] = mapped_column(sa.String(CONTENT_TYPE_MAX))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<StoredFile {self.id} {self.content_type} {self.size}B>"
