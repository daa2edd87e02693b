"""POST /p27/token: an access token with the lifetime you ask for (1 s to 1 h)."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p27_token_expiry.schemas import ShortTokenIn, ShortTokenOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.shared.credentials import authenticate, credential_check_responses
from flask_track.shared.tokens import NO_STORE, issue_access_token

blp = Blueprint("p27", __name__)


@blp.route("/token", methods=["POST"])
@blp.arguments(ShortTokenIn)
@blp.response(200, ShortTokenOut, headers=CACHE_CONTROL_DOC)
@credential_check_responses(blp)
def short_token(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Issue an access token that expires after `expires_in` seconds."""
    user = authenticate(data["email"], data["password"])
    access_token, expires_in = issue_access_token(user, expires_in=data["expires_in"])
    body = {"access_token": access_token, "token_type": "Bearer", "expires_in": expires_in}
    return body, 200, NO_STORE
