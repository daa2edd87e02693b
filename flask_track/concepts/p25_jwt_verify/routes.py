"""GET /p25/verify: the claims of a token that passed every check."""

from __future__ import annotations

import time
from typing import Any

from flask_track.concepts.p25_jwt_verify.schemas import ClaimsOut, VerifyOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.shared.tokens import NO_STORE, auth_required, current_claims

blp = Blueprint("p25", __name__)


@blp.route("/verify", methods=["GET"])
@auth_required(blp)
@blp.response(200, VerifyOut, headers=CACHE_CONTROL_DOC)
def verify() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Verify the Bearer token (signature, alg, expiry, kind, revocation, user) and show it."""
    claims = current_claims()
    shown = {name: claims[name] for name in ClaimsOut().fields if name in claims}
    body = {"claims": shown, "expires_in": max(0, int(claims["exp"] - time.time()))}
    return body, 200, NO_STORE
