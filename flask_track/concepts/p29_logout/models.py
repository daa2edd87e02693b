"""Revoked access/refresh token ids (p29), when the blocklist lives in the database."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import UTCDateTime, utcnow
from flask_track.extensions import db


class RevokedToken(db.Model):
    """A token id that must be refused until `expires_at` (after that it is expired anyway)."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    revoked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
