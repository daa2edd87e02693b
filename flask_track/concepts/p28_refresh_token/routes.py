"""POST /p28/login and POST /p28/refresh: token pairs, rotation, reuse detection."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from flask_track.concepts.p28_refresh_token.schemas import PairLoginIn, RefreshIn
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.credentials import authenticate, credential_check_responses
from flask_track.shared.revocation import RefreshTokenFamily
from flask_track.shared.token_schemas import TokenPairOut
from flask_track.shared.tokens import (
    NO_STORE,
    TokenProblem,
    issue_refresh_token,
    start_token_family,
    token_pair,
    verify_body_token,
)

blp = Blueprint("p28", __name__)
log = logging.getLogger("flask_track.auth")


@blp.route("/login", methods=["POST"])
@blp.arguments(PairLoginIn)
@blp.response(200, TokenPairOut, headers=CACHE_CONTROL_DOC)
@credential_check_responses(blp)
def login(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Log in: an access token and the first refresh token of a new family."""
    user = authenticate(data["email"], data["password"])
    # shared/tokens.py: the new family and its first pair (p41's OAuth login shares it).
    return start_token_family(user), 200, NO_STORE


@blp.route("/refresh", methods=["POST"])
@blp.arguments(RefreshIn)
@blp.response(200, TokenPairOut, headers=CACHE_CONTROL_DOC)
@blp.alt_response(401, response="UNAUTHORIZED")
def refresh(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Exchange the newest refresh token for a new pair; a replayed one revokes its family."""
    # Signature, expiry, kind (an access token here is token-invalid), user, logout-all.
    payload, user = verify_body_token(data["refresh_token"], "refresh")
    family_id = payload.get("family")
    if not isinstance(family_id, str):
        raise TokenProblem("token-invalid", "The refresh token has no family.")
    new_token, new_jti, expires_at, seconds = issue_refresh_token(user, family_id)
    # Compare-and-swap in ONE statement: of two concurrent uses of the same token (two
    # workers, two tabs, or a thief racing the owner), exactly one matches current_jti.
    swapped = db.session.execute(
        sa.update(RefreshTokenFamily)
        .where(
            RefreshTokenFamily.id == family_id,
            RefreshTokenFamily.user_id == user.id,
            RefreshTokenFamily.current_jti == payload["jti"],
            RefreshTokenFamily.revoked_at.is_(None),
        )
        .values(current_jti=new_jti, expires_at=expires_at)
    )
    if swapped.rowcount == 1:  # type: ignore[attr-defined]  # a CursorResult
        db.session.commit()
        return token_pair(user, new_token, seconds), 200, NO_STORE
    db.session.rollback()
    family = db.session.get(RefreshTokenFamily, family_id)
    if family is None or family.user_id != user.id:
        raise TokenProblem("token-invalid", "The refresh token's family does not exist.")
    if family.revoked_at is None:
        # A spent token came back: revoke the family, so the newest token dies too.
        db.session.execute(
            sa.update(RefreshTokenFamily)
            .where(RefreshTokenFamily.id == family_id, RefreshTokenFamily.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_reason="reuse")
        )
        db.session.commit()
        log.warning(
            "refresh token reuse: family revoked",
            extra={"fields": {"event": "refresh_reuse", "user_id": user.id, "family": family_id}},
        )
    raise TokenProblem("token-revoked", "This refresh token was already used or revoked.")
