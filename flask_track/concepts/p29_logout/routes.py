"""POST /p29/logout and POST /p29/logout-all: revoke tokens before they expire."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from flask import Request
from webargs import core as webargs_core

from flask_track.concepts.p29_logout.schemas import LogoutIn
from flask_track.core.json_body import StrictJsonParser
from flask_track.core.openapi import Blueprint
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.revocation import RefreshTokenFamily, revoke
from flask_track.shared.tokens import (
    TokenProblem,
    auth_required,
    current_claims,
    current_user,
    verify_body_token,
)
from flask_track.shared.users import User

log = logging.getLogger("flask_track.auth")


class OptionalJsonParser(StrictJsonParser):
    """No body at all (no Content-Type, no bytes) is an empty object; anything else is strict."""

    def _raw_load_json(self, req: Request) -> Any:
        if not req.mimetype and not req.get_data(cache=True):
            return webargs_core.missing
        return super()._raw_load_json(req)


class LogoutBlueprint(Blueprint):
    """p29's blueprint: its body is optional."""

    ARGUMENTS_PARSER = OptionalJsonParser()


blp = LogoutBlueprint("p29", __name__)


def _revoke_family(family_id: str, user_id: int, reason: str) -> None:
    db.session.execute(
        sa.update(RefreshTokenFamily)
        .where(
            RefreshTokenFamily.id == family_id,
            RefreshTokenFamily.user_id == user_id,
            RefreshTokenFamily.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )
    db.session.commit()


@blp.route("/logout", methods=["POST"])
@auth_required(blp)
@blp.arguments(LogoutIn, required=False)
@blp.response(204)
def logout(data: dict[str, Any]) -> None:
    """Revoke this access token, and the refresh token (with its family) if one is sent."""
    claims = current_claims()
    user = current_user()
    if "refresh_token" in data:
        try:
            payload, owner = verify_body_token(data["refresh_token"], "refresh")
        except TokenProblem as problem:
            # Expired or revoked already: it cannot be used, which is what logout wants.
            if problem.slug == "token-invalid":
                raise
        else:
            if owner.id != user.id:
                raise TokenProblem("token-invalid", "The refresh token belongs to another user.")
            if isinstance(payload.get("family"), str):
                _revoke_family(payload["family"], user.id, "logout")
            revoke(payload["jti"], payload["exp"])
    revoke(claims["jti"], claims["exp"])


@blp.route("/logout-all", methods=["POST"])
@auth_required(blp)
@blp.response(204)
def logout_all() -> None:
    """Revoke every token of this user, on every device (bumps the user's token_version)."""
    user = current_user()
    # An atomic increment: two concurrent logout-alls cannot lose one of the bumps.
    db.session.execute(
        sa.update(User).where(User.id == user.id).values(token_version=User.token_version + 1)
    )
    db.session.execute(
        sa.update(RefreshTokenFamily)
        .where(RefreshTokenFamily.user_id == user.id, RefreshTokenFamily.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason="logout-all")
    )
    db.session.commit()
    log.info("logout-all", extra={"fields": {"event": "logout_all", "user_id": user.id}})
