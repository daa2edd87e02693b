"""Users, shared by p22-p30: the table, how a user is shown, the input fields, the admin guard.

p22 signs users up, p23/p24/p27/p28 check their credentials (`shared/credentials.py`), p26
lets them edit or delete themselves, p30 changes roles: all of them read and write this
model, and none of them may import another concept, so it lives in the shared layer.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

import sqlalchemy as sa
from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy.orm import Mapped, aliased, mapped_column

from flask_track.core.problems import ProblemError
from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

ROLES = ("user", "admin")
# Longer inputs only cost CPU and memory (the hash does not get stronger): refuse them.
MAX_PASSWORD_BYTES = 1024


class User(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
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
    # Stored lower-cased (normalize_email below): the unique constraint makes "A@x" == "a@x".
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


def normalize_email(email: str) -> str:
    """Emails are unique case-insensitively: we store and compare the lower-cased form."""
    return email.strip().lower()


# ---------------------------------------------------------------- input fields


def utf8_length(value: str) -> int:
    """Bytes of `value` in UTF-8; a lone surrogate (legal in JSON "\\ud800") is a 422."""
    try:
        return len(value.encode("utf-8"))
    except UnicodeEncodeError:
        raise ValidationError("Not valid Unicode text.") from None


def _password_size(value: str) -> None:
    if utf8_length(value) > MAX_PASSWORD_BYTES:
        raise ValidationError(f"At most {MAX_PASSWORD_BYTES} bytes (UTF-8).")
    if "\x00" in value:  # CATALOG §0: NUL in any text field → 422
        raise ValidationError("Must not contain NUL characters.")


def printable_text(value: str) -> None:
    """Refuse control characters and lone surrogates in names shown to people."""
    utf8_length(value)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise ValidationError("Control characters are not allowed.")


def password_field(*, min_length: int = 1, description: str = "") -> fields.String:
    """A password: 1 (or min_length) characters up to 1,024 bytes in UTF-8, never echoed."""
    return fields.String(
        required=True,
        load_only=True,
        validate=[validate.Length(min=min_length), _password_size],
        metadata={
            "format": "password",
            "maxLength": MAX_PASSWORD_BYTES,
            "pattern": "^[^\\u0000]*$",
            "description": (description + " At most 1,024 bytes in UTF-8.").strip(),
        },
    )


def email_field() -> fields.Email:
    """An email address (compared case-insensitively)."""
    return fields.Email(
        required=True,
        validate=[validate.Length(max=254), utf8_length],
        metadata={"example": "ada@example.com"},
    )


class UserOut(Schema):
    """A user as every auth route shows it: never a password, a hash or a token version."""

    id = fields.Integer(required=True)
    email = fields.String(required=True, metadata={"description": "Lower-cased at signup."})
    display_name = fields.String(required=True, allow_none=True)
    role = fields.String(required=True, metadata={"enum": list(ROLES)})
    created_at = fields.DateTime(required=True)


# ---------------------------------------------------------------- the last admin


def lock_admins() -> list[int]:
    """Ids of the admins, locked until commit on PostgreSQL (SELECT ... FOR UPDATE).

    Two admins demoting each other at the same moment would otherwise both see "2 admins"
    and leave none. SQLite ignores FOR UPDATE; there `an_admin_remains()` inside the single
    UPDATE/DELETE statement does the job, since SQLite runs one writer at a time.
    """
    return list(
        db.session.scalars(sa.select(User.id).where(User.role == "admin").with_for_update())
    )


def an_admin_remains() -> sa.ColumnElement[bool]:
    """SQL condition for an UPDATE/DELETE of `users`: the row is not an admin, or another is."""
    other = aliased(User)
    return sa.or_(
        User.role != "admin",
        sa.exists().where(other.role == "admin", other.id != User.id),
    )


def last_admin() -> ProblemError:
    """409: the app must always keep one admin."""
    return ProblemError(409, "conflict", "This is the last admin: promote another user first.")
