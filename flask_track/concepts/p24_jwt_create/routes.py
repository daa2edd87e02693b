"""POST /p24/token: credentials in, a signed access token out."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p24_jwt_create.schemas import TokenIn, TokenOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.shared.credentials import authenticate, credential_check_responses
from flask_track.shared.tokens import NO_STORE, issue_access_token

blp = Blueprint("p24", __name__)


@blp.route("/token", methods=["POST"])
@blp.arguments(TokenIn)
@blp.response(200, TokenOut, headers=CACHE_CONTROL_DOC)
@credential_check_responses(blp)
def token(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Issue an access token (sub, iat, exp, jti, type, role) for valid credentials."""
    user = authenticate(data["email"], data["password"])
    access_token, expires_in = issue_access_token(user)
    body = {"access_token": access_token, "token_type": "Bearer", "expires_in": expires_in}
    return body, 200, NO_STORE  # a bearer token must not sit in a cache
