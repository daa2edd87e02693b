"""The users table, shared by p22-p30 (later concepts import `User` from here)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db


class User(db.Model):
    """An account: a normalized email, an argon2id hash, a role and a token version."""

    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("role IN ('user', 'admin')", name="ck_users_role"),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.Index("ix_users_role", "role"),
        # SQLite reuses the highest rowid after a delete unless AUTOINCREMENT is on: a deleted
        # user's still-valid token would then name the NEXT user to sign up.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    # Stored lower-cased (core.auth.normalize_email): the unique constraint makes "A@x" == "a@x".
    email: Mapped[str] = mapped_column(sa.String(254))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    display_name: Mapped[str | None] = mapped_column(sa.String(100))
    role: Mapped[str] = mapped_column(sa.String(16), default="user", server_default="user")
    # Every token carries the version it was issued under; p29's logout-all bumps it, which
    # revokes every token issued before (a timestamp would not do: `iat` has 1 s resolution).
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:  # never the hash
        return f"<User id={self.id} role={self.role}>"
