"""Flask-JWT-Extended's loaders: every way a token can fail becomes our 401 problem.

Registered on the unbound `jwt` manager when this module is imported (create_app imports it
through `shared/auth.py`); each answer carries the RFC 6750 challenge of `shared/tokens.py`.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request

from flask_track.extensions import jwt
from flask_track.shared.tokens import (
    DELETED_USER,
    EXPIRED,
    INVALID_TOKEN,
    REVOKED,
    WRONG_KIND,
    claims_ok,
    load_user,
    token_is_revoked,
    token_response,
)
from flask_track.shared.users import User


@jwt.unauthorized_loader
def _no_token(_reason: str) -> Response:
    # The library says "unauthorized" both when the header is absent and when it is not
    # `Bearer <jwt>` (`Token x`, `Basic ...`): only the first is "missing".
    if request.headers.get("Authorization", "").strip():
        return token_response("token-invalid", "The Authorization header must be Bearer <JWT>.")
    return token_response("token-missing", "This route needs an access token: Bearer <JWT>.")


@jwt.invalid_token_loader
def _invalid_token(reason: str) -> Response:
    # Malformed, bad signature, alg none/not HS256, wrong kind: never echo the library's text.
    return token_response("token-invalid", WRONG_KIND.get(reason, INVALID_TOKEN))


@jwt.expired_token_loader
def _expired(_header: dict[str, Any], _payload: dict[str, Any]) -> Response:
    return token_response("token-expired", EXPIRED)


@jwt.revoked_token_loader
def _revoked(_header: dict[str, Any], _payload: dict[str, Any]) -> Response:
    return token_response("token-revoked", REVOKED)


@jwt.needs_fresh_token_loader
def _needs_fresh(_header: dict[str, Any], _payload: dict[str, Any]) -> Response:
    return token_response("token-invalid", "This route needs a fresh token: log in again.")


@jwt.token_verification_loader
def _verify_claims(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
    return claims_ok(payload)


@jwt.token_verification_failed_loader
def _claims_failed(_header: dict[str, Any], _payload: dict[str, Any]) -> Response:
    return token_response("token-invalid", "The token lacks required claims.")


@jwt.token_in_blocklist_loader
def _in_blocklist(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
    # The library asks this before the claims check: a token missing claims is "invalid"
    # (answered by _claims_failed next), not "revoked".
    return claims_ok(payload) and token_is_revoked(payload)


@jwt.user_lookup_loader
def _lookup_user(_header: dict[str, Any], payload: dict[str, Any]) -> User | None:
    return load_user(payload)


@jwt.user_lookup_error_loader
def _user_gone(_header: dict[str, Any], _payload: dict[str, Any]) -> Response:
    return token_response("token-invalid", DELETED_USER)
