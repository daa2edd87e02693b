"""GET /p38/limited: 5 requests a minute per client, the 6th is 429 with Retry-After."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_jwt_extended import verify_jwt_in_request
from limits import RateLimitItemPerMinute

from flask_track.concepts.p38_rate_limit.schemas import LimitedOut
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.shared.rate_limits import hit
from flask_track.shared.tokens import BEARER_SCHEME, current_user

blp = Blueprint("p38", __name__)

POLICY_NAME = "p38"
LIMIT = RateLimitItemPerMinute(5)
# draft-ietf-httpapi-ratelimit-headers-10: the policy (quota q per window w seconds) ...
POLICY = f'"{POLICY_NAME}";q={LIMIT.amount};w={LIMIT.get_expiry()}'
RATE_LIMIT_DOC = {
    "RateLimit-Policy": {"schema": {"type": "string"}, "description": POLICY},
    "RateLimit": {
        "schema": {"type": "string"},
        "description": '"p38";r=<remaining>;t=<seconds until a request is allowed again>',
    },
}


def _client_key() -> tuple[str, str]:
    """The user of a valid token (a bad one is 401), else the TCP peer address."""
    if "Authorization" in request.headers:
        # Not optional=True: a header that is present but bad must be a 401, not "anonymous".
        verify_jwt_in_request()
        return "user", f"user:{current_user().id}"
    # remote_addr is the TCP peer; X-Forwarded-For counts only through ProxyFix, i.e. when
    # TRUSTED_PROXY_HOPS > 0 (core/middleware.py). Otherwise a client could pick a fresh
    # "address" per request.
    return "address", f"addr:{request.remote_addr or 'unknown'}"


@blp.route("/limited")
@blp.doc(security=[{}, {BEARER_SCHEME: []}])  # a token is optional
@blp.response(200, LimitedOut, headers=RATE_LIMIT_DOC)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(429, response="TOO_MANY_REQUESTS")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def limited() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Allowed 5 times a minute per client (token user, else peer address); then 429."""
    kind, key = _client_key()
    allowed, remaining, reset_s = hit(LIMIT, POLICY_NAME, key)
    headers = {
        "RateLimit-Policy": POLICY,
        "RateLimit": f'"{POLICY_NAME}";r={remaining};t={reset_s}',
    }
    if not allowed:
        raise ProblemError(
            429,
            "rate-limited",
            f"At most {LIMIT.amount} requests a minute; retry in {max(1, reset_s)} s.",
            headers={**headers, "Retry-After": str(max(1, reset_s))},
        )
    return {"client": kind, "remaining": remaining}, 200, headers
