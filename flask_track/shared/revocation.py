"""Revocation, shared by p28 (refresh-token families) and p29 (the blocklist), and checked
by every token verification (`shared/tokens.py`).

The blocklist maps a token id to "refuse it until it expires". Every worker and every restart
must see a logout, so process memory is not an option: with REDIS_URL each entry is a Redis
key with a TTL equal to the token's remaining life, so the set cleans itself; otherwise the
`revoked_tokens` table, pruned of expired rows whenever something is added.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.dependencies import redis_errors
from flask_track.core.problems import ProblemError
from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db, redis_client
from flask_track.shared.users import User

log = logging.getLogger("flask_track.auth")
REDIS_PREFIX = "flask_track:revoked:"


class RefreshTokenFamily(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
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


class RevokedToken(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """A token id that must be refused until `expires_at` (after that it is expired anyway)."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    revoked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def _unavailable(error: Exception) -> ProblemError:
    # Fail closed: if we cannot ask the blocklist, we cannot tell a revoked token from a good one.
    log.error("blocklist unavailable", extra={"fields": {"error_type": type(error).__name__}})
    return ProblemError(503, "dependency-unavailable", "The token blocklist is unavailable.")


def revoke(jti: str, expires_at: int) -> None:
    """Refuse this token id from now until `expires_at` (Unix seconds). Idempotent."""
    client = redis_client.client
    if client is not None:
        ttl = max(1, int(expires_at - datetime.now(UTC).timestamp()))
        try:
            client.set(REDIS_PREFIX + jti, "1", ex=ttl)
        except redis_errors() as error:
            raise _unavailable(error) from None
        return
    db.session.execute(sa.delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))
    db.session.add(RevokedToken(jti=jti, expires_at=datetime.fromtimestamp(expires_at, UTC)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # revoked already (a concurrent logout with the same token)


def is_revoked(jti: str) -> bool:
    """True when this token id is on the blocklist."""
    client = redis_client.client
    if client is not None:
        try:
            return bool(client.exists(REDIS_PREFIX + jti))
        except redis_errors() as error:
            raise _unavailable(error) from None
    return db.session.get(RevokedToken, jti) is not None


def revoke_all_tokens(user_id: int, reason: str) -> None:
    """Every token of this user stops working (bump token_version, revoke every refresh
    family); the caller commits. p34's password reset uses it: a new password ends every
    session, including the one an attacker may hold."""
    db.session.execute(
        sa.update(User).where(User.id == user_id).values(token_version=User.token_version + 1)
    )
    db.session.execute(
        sa.update(RefreshTokenFamily)
        .where(RefreshTokenFamily.user_id == user_id, RefreshTokenFamily.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )
