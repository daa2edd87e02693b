"""Refresh-token families (p28): one row per login, rotated on every refresh."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db


class RefreshTokenFamily(db.Model):
    """The chain of refresh tokens born from one login.

    Only `current_jti` may be exchanged. A refresh token of the family that is not the current
    one has already been spent: someone replays it (the legitimate client, or a thief who copied
    it), and since we cannot tell which, the whole family is revoked.
    """

    __tablename__ = "refresh_token_families"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigIntId,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_refresh_families_user"),
        index=True,
    )
    current_jti: Mapped[str] = mapped_column(sa.String(36))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_reason: Mapped[str | None] = mapped_column(sa.String(32))
