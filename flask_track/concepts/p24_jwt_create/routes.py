"""POST /p24/token: credentials in, a signed access token out."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p24_jwt_create.schemas import TokenIn, TokenOut
from flask_track.core.auth import NO_STORE, authenticate, issue_access_token
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint

blp = Blueprint("p24", __name__, description="p24 JWT create")


@blp.route("/token", methods=["POST"])
@blp.arguments(TokenIn)
@blp.response(200, TokenOut, headers=CACHE_CONTROL_DOC)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(429, response="TOO_MANY_REQUESTS")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def token(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Issue an access token (sub, iat, exp, jti, type, role) for valid credentials."""
    user = authenticate(data["email"], data["password"])
    access_token, expires_in = issue_access_token(user)
    body = {"access_token": access_token, "token_type": "Bearer", "expires_in": expires_in}
    return body, 200, NO_STORE  # a bearer token must not sit in a cache
