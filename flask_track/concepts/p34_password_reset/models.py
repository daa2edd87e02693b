"""Reset tokens: only their SHA-256 is stored, each works once, until it expires."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db


class PasswordResetToken(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """One reset token of a user (the token itself is only ever in the email)."""

    __tablename__ = "password_reset_tokens"
    __table_args__ = (sa.UniqueConstraint("token_hash", name="uq_password_reset_token_hash"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigIntId,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_password_reset_user"),
        index=True,
    )
    # SHA-256 hex of a 256-bit random token: a fast hash is enough for a secret this long
    # (no dictionary to try), and a leaked table holds nothing usable.
    token_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Set when used, superseded by a newer token, or voided by the password change.
    spent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    spent_reason: Mapped[str | None] = mapped_column(sa.String(16))
