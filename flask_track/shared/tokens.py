"""Tokens (p24-p29): issuing JWTs, verifying them strictly, and protecting views.

- `auth_required(blp, role=...)` protects a view: Flask-JWT-Extended reads `Authorization:
  Bearer <jwt>` (header only, HS256 only), then the loaders in `shared/jwt_loaders.py` decide.
  EVERY failure is a 401 problem+json with an RFC 6750 `WWW-Authenticate` header.
- The user is read from the database on every request (once, cached in `g`), so a deleted
  user's token is refused and a demotion applies at once; `token_version` (bumped by p29's
  logout-all) and p29's blocklist (`shared/revocation.py`) are checked before it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

import jwt as pyjwt
import sqlalchemy as sa
from flask import Response, current_app, g
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    decode_token,
    get_current_user,
    verify_jwt_in_request,
)
from flask_jwt_extended.exceptions import JWTExtendedException

from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError, problem_response
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.revocation import RefreshTokenFamily, is_revoked
from flask_track.shared.users import ROLES, User

F = TypeVar("F", bound=Callable[..., Any])

MAX_USER_ID = 2**63 - 1
BEARER_SCHEME = "bearerAuth"
# Token responses must not be stored by browsers or proxies (RFC 6749 §5.1).
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
REQUIRED_CLAIMS = {"sub": str, "iat": int, "exp": int, "jti": str, "type": str, "role": str}
# The error_description texts of the 401s (fixed texts: nothing from the token is echoed).
INVALID_TOKEN = "The token is malformed or its signature does not verify."  # noqa: S105
REFRESH_AS_ACCESS = "A refresh token cannot be used as an access token."
ACCESS_AS_REFRESH = "An access token cannot be used as a refresh token."
DELETED_USER = "The token's user no longer exists."
EXPIRED = "The token has expired."
REVOKED = "The token has been revoked."


def issue_access_token(user: User, expires_in: int | None = None) -> tuple[str, int]:
    """A signed access token for this user and its lifetime in seconds."""
    seconds = expires_in or int(current_app.config["JWT_ACCESS_TOKEN_EXPIRES"])
    token = create_access_token(
        identity=str(user.id),  # `sub` must be a string (RFC 7519), or the library answers 422
        additional_claims={"role": user.role, "token_version": user.token_version},
        expires_delta=timedelta(seconds=seconds),
    )
    return token, seconds


def issue_refresh_token(user: User, family_id: str) -> tuple[str, str, datetime, int]:
    """A refresh token of a rotation family (p28): token, its jti, expiry and lifetime."""
    seconds = int(current_app.config["JWT_REFRESH_TOKEN_EXPIRES"])
    token = create_refresh_token(
        identity=str(user.id),
        additional_claims={
            "role": user.role,
            "token_version": user.token_version,
            "family": family_id,
        },
        expires_delta=timedelta(seconds=seconds),
    )
    payload = decode_token(token, allow_expired=True)  # our own fresh token: read jti and exp
    return token, payload["jti"], datetime.fromtimestamp(payload["exp"], UTC), seconds


def token_pair(user: User, refresh_token: str, refresh_seconds: int) -> dict[str, Any]:
    """The p28 pair as every login route answers it: a fresh access token + this refresh one."""
    access_token, expires_in = issue_access_token(user)
    return {
        "access_token": access_token,
        "refresh_token": refresh_token,
        "token_type": "Bearer",
        "expires_in": expires_in,
        "refresh_expires_in": refresh_seconds,
    }


def start_token_family(user: User) -> dict[str, Any]:
    """Log `user` in: the first refresh token of a new rotation family (p28) and its pair.

    p28's password login and p41's OAuth login both end here, so a login through a provider
    gives exactly the tokens (and the same rotation and reuse detection) a password login does.
    Commits.
    """
    family_id = str(uuid.uuid4())
    refresh_token, jti, expires_at, seconds = issue_refresh_token(user, family_id)
    # Housekeeping on the way: this user's families that can no longer be used.
    db.session.execute(
        sa.delete(RefreshTokenFamily).where(
            RefreshTokenFamily.user_id == user.id, RefreshTokenFamily.expires_at < utcnow()
        )
    )
    db.session.add(
        RefreshTokenFamily(id=family_id, user_id=user.id, current_jti=jti, expires_at=expires_at)
    )
    db.session.commit()
    return token_pair(user, refresh_token, seconds)


class TokenProblem(ProblemError):
    """A 401 about a token, with the RFC 6750 challenge that goes with it."""

    def __init__(self, slug: str, detail: str) -> None:
        super().__init__(401, slug, detail, headers={"WWW-Authenticate": challenge(slug, detail)})


def challenge(slug: str, description: str) -> str:
    """`WWW-Authenticate` for a 401: plain `Bearer` when no token came, else invalid_token."""
    if slug == "token-missing":
        return "Bearer"
    # Our descriptions are fixed texts; drop quotes and backslashes anyway (quoted-string).
    safe = "".join(ch for ch in description if ch not in '"\\' and 0x20 <= ord(ch) < 0x7F)
    return f'Bearer error="invalid_token", error_description="{safe}"'


def token_response(slug: str, detail: str) -> Response:
    """The 401 problem response every JWT loader returns."""
    return problem_response(
        401, slug, detail, headers={"WWW-Authenticate": challenge(slug, detail)}
    )


# Flask-JWT-Extended's WrongTokenError messages, mapped to ours.
WRONG_KIND = {
    "Only non-refresh tokens are allowed": REFRESH_AS_ACCESS,
    "Only refresh tokens are allowed": ACCESS_AS_REFRESH,
}


def claims_ok(payload: Mapping[str, Any]) -> bool:
    for name, kind in REQUIRED_CLAIMS.items():
        value = payload.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            return False
    return (
        payload["sub"].isascii()
        and payload["sub"].isdigit()
        and payload["type"] in ("access", "refresh")
        and payload["role"] in ROLES
        and isinstance(payload.get("token_version"), int)
    )


def load_user(payload: Mapping[str, Any]) -> User | None:
    """The token's user, read once per request (blocklist and user lookup both need it)."""
    cache: dict[str, User | None] = g.setdefault("auth_users", {})
    sub = str(payload.get("sub", ""))
    if sub not in cache:
        user_id = int(sub) if sub.isascii() and sub.isdigit() and len(sub) <= 19 else None
        if user_id is not None and user_id > MAX_USER_ID:
            user_id = None  # beyond BIGINT: no such user (and no 500 from the driver)
        cache[sub] = db.session.get(User, user_id) if user_id is not None else None
    return cache[sub]


def token_is_revoked(payload: Mapping[str, Any]) -> bool:
    """Revoked by logout-all (an older token_version) or by p29's blocklist."""
    user = load_user(payload)
    if user is not None and payload.get("token_version") != user.token_version:
        return True
    jti = payload.get("jti")
    return isinstance(jti, str) and is_revoked(jti)


def verify_body_token(encoded: str, kind: str) -> tuple[dict[str, Any], User]:
    """Verify a token sent in a JSON body (p28 refresh, p29 logout) as strictly as a header one.

    Raises TokenProblem: token-invalid (malformed, bad signature, wrong kind, missing claims,
    deleted user), token-expired, token-revoked.
    """
    try:
        payload = decode_token(encoded)
    except pyjwt.ExpiredSignatureError:
        raise TokenProblem("token-expired", EXPIRED) from None
    except (pyjwt.InvalidTokenError, JWTExtendedException, ValueError):
        raise TokenProblem("token-invalid", INVALID_TOKEN) from None
    if not claims_ok(payload):
        raise TokenProblem("token-invalid", INVALID_TOKEN)
    if payload["type"] != kind:
        raise TokenProblem(
            "token-invalid", ACCESS_AS_REFRESH if kind == "refresh" else REFRESH_AS_ACCESS
        )
    user = load_user(payload)
    if user is None:
        raise TokenProblem("token-invalid", DELETED_USER)
    if token_is_revoked(payload):
        raise TokenProblem("token-revoked", REVOKED)
    return payload, user


def current_user() -> User:
    """The user of the verified access token (call inside an auth_required view)."""
    user: User = get_current_user()
    return user


def current_claims() -> dict[str, Any]:
    """The verified claims of this request's access token."""
    return dict(g.get("_jwt_extended_jwt") or {})


def forbidden(detail: str = "This route needs the admin role.") -> ProblemError:
    """403: the token is fine, the user may not do this (401 is for no or bad token)."""
    return ProblemError(
        403,
        "forbidden",
        detail,
        headers={"WWW-Authenticate": 'Bearer error="insufficient_scope"'},
    )


def auth_required(blp: Blueprint, *, role: str | None = None) -> Callable[[F], F]:
    """Require a valid access token (and `role`, read from the database); document both.

    Put it ABOVE `@blp.arguments`, so authentication comes before body validation: a caller
    without a token learns nothing about the body rules (401 before 422).
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            verify_jwt_in_request()  # header only, HS256, type access, revocation, user lookup
            if role is not None and current_user().role != role:
                raise forbidden()
            return view(*args, **kwargs)

        documented = blp.doc(security=[{BEARER_SCHEME: []}])(wrapper)
        documented = blp.alt_response(401, response="UNAUTHORIZED")(documented)
        if role is not None:
            documented = blp.alt_response(403, response="FORBIDDEN")(documented)
        return documented  # type: ignore[no-any-return]

    return decorator
