"""POST /p27/token: an access token with the lifetime you ask for (1 s to 1 h)."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p27_token_expiry.schemas import ShortTokenIn, ShortTokenOut
from flask_track.core.auth import NO_STORE, authenticate, issue_access_token
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint

blp = Blueprint("p27", __name__, description="p27 Token expiry")


@blp.route("/token", methods=["POST"])
@blp.arguments(ShortTokenIn)
@blp.response(200, ShortTokenOut, headers=CACHE_CONTROL_DOC)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(429, response="TOO_MANY_REQUESTS")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def short_token(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Issue an access token that expires after `expires_in` seconds."""
    user = authenticate(data["email"], data["password"])
    access_token, expires_in = issue_access_token(user, expires_in=data["expires_in"])
    body = {"access_token": access_token, "token_type": "Bearer", "expires_in": expires_in}
    return body, 200, NO_STORE
