"""The blocklist: a token id -> "refuse it until it expires". Database, or Redis if configured.

Every worker and every restart must see a logout, so process memory is not an option. Redis
(REDIS_URL) keeps each entry with a TTL equal to the token's remaining life, so the set cleans
itself; the database table is pruned of expired rows whenever something is added.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import redis
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p29_logout.models import RevokedToken
from flask_track.core.auth import revocation_check
from flask_track.core.problems import ProblemError
from flask_track.core.types import utcnow
from flask_track.extensions import db

log = logging.getLogger("flask_track.auth")
REDIS_PREFIX = "flask_track:revoked:"


def _redis() -> redis.Redis | None:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    client = current_app.extensions.get("flask_track.blocklist_redis")
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        current_app.extensions["flask_track.blocklist_redis"] = client
    return client


def _unavailable(error: Exception) -> ProblemError:
    # Fail closed: if we cannot ask the blocklist, we cannot tell a revoked token from a good one.
    log.error("blocklist unavailable", extra={"fields": {"error_type": type(error).__name__}})
    return ProblemError(503, "dependency-unavailable", "The token blocklist is unavailable.")


def revoke(jti: str, expires_at: int) -> None:
    """Refuse this token id from now until `expires_at` (Unix seconds). Idempotent."""
    client = _redis()
    if client is not None:
        ttl = max(1, int(expires_at - datetime.now(UTC).timestamp()))
        try:
            client.set(REDIS_PREFIX + jti, "1", ex=ttl)
        except redis.RedisError as error:
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
    client = _redis()
    if client is not None:
        try:
            return bool(client.exists(REDIS_PREFIX + jti))
        except redis.RedisError as error:
            raise _unavailable(error) from None
    return db.session.get(RevokedToken, jti) is not None


@revocation_check
def blocklisted(payload: Mapping[str, Any]) -> bool:
    """core.auth asks this for every token it verifies."""
    jti = payload.get("jti")
    return isinstance(jti, str) and is_revoked(jti)
