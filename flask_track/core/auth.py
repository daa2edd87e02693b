"""App-wide authentication (Level 3): password hashing, credential checks, JWTs, the admin.

Concepts p21-p30 call the public functions here; nothing else in the app knows how a password
is hashed or how a token is checked. The pieces, in the order a request meets them:

- `auth_required(blp, role=...)` protects a view: Flask-JWT-Extended reads `Authorization:
  Bearer <jwt>` (header only, HS256 only), then our loaders decide. EVERY failure is a 401
  problem+json with an RFC 6750 `WWW-Authenticate` header, never the library's 422 defaults.
- The user is read from the database on every request (`user_lookup_loader`), so a deleted
  user's token is refused and a demotion applies at once; `token_version` (bumped by p29's
  logout-all) and the revocation checks concepts register (p29's blocklist) run before it.
- `authenticate()` is the one credential check (p23, p24, p27, p28): no user enumeration, the
  hasher runs once whether or not the email exists, failed attempts are throttled per
  email+client, and an outdated hash is upgraded on a successful login.

The User model belongs to p22 (`concepts/p22_signup/models.py`). It is imported inside the
functions below, not at module level: p22's routes import this module, so a top-level import
would be circular.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import argon2
import jwt as pyjwt
import sqlalchemy as sa
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, Response, current_app, g, request
from flask_jwt_extended import (
    create_access_token,
    create_refresh_token,
    decode_token,
    get_current_user,
    verify_jwt_in_request,
)
from flask_jwt_extended.exceptions import JWTExtendedException
from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import aliased

from flask_track.config import ConfigError
from flask_track.core import login_throttle
from flask_track.core.problems import ProblemError, problem_response
from flask_track.extensions import api, db, jwt, limiter

if TYPE_CHECKING:
    from flask_track.concepts.p22_signup.models import User
    from flask_track.core.openapi import Blueprint

log = logging.getLogger("flask_track.auth")

F = TypeVar("F", bound=Callable[..., Any])

ROLES = ("user", "admin")
# OWASP Password Storage Cheat Sheet, argon2id minimum: m = 19 MiB, t = 2, p = 1.
ARGON2_FLOOR_MEMORY_KIB = 19 * 1024
ARGON2_FLOOR_TIME_COST = 2
# Longer inputs only cost CPU and memory (the hash does not get stronger): refuse them.
MAX_PASSWORD_BYTES = 1024
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


# ---------------------------------------------------------------- input fields


def utf8_length(value: str) -> int:
    """Bytes of `value` in UTF-8; a lone surrogate (legal in JSON "\\ud800") is a 422."""
    try:
        return len(value.encode("utf-8"))
    except UnicodeEncodeError:
        raise ValidationError("Not valid Unicode text.") from None


def _password_size(value: str) -> None:
    if utf8_length(value) > MAX_PASSWORD_BYTES:
        raise ValidationError(f"At most {MAX_PASSWORD_BYTES} bytes (UTF-8).")


def printable_text(value: str) -> None:
    """Refuse control characters and lone surrogates in names shown to people."""
    utf8_length(value)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise ValidationError("Control characters are not allowed.")


def password_field(*, min_length: int = 1, description: str = "") -> fields.String:
    """A password: 1 (or min_length) characters up to 1,024 bytes in UTF-8, never echoed."""
    return fields.String(
        required=True,
        load_only=True,
        validate=[validate.Length(min=min_length), _password_size],
        metadata={
            "format": "password",
            "maxLength": MAX_PASSWORD_BYTES,
            "description": (description + " At most 1,024 bytes in UTF-8.").strip(),
        },
    )


def email_field() -> fields.Email:
    """An email address (compared case-insensitively)."""
    return fields.Email(
        required=True,
        validate=[validate.Length(max=254), utf8_length],
        metadata={"example": "ada@example.com"},
    )


class UserOut(Schema):
    """A user as every auth route shows it: never a password, a hash or a token version."""

    id = fields.Integer(required=True)
    email = fields.String(required=True, metadata={"description": "Lower-cased at signup."})
    display_name = fields.String(required=True, allow_none=True)
    role = fields.String(required=True, metadata={"enum": list(ROLES)})
    created_at = fields.DateTime(required=True)


# ---------------------------------------------------------------- passwords


def _hasher() -> argon2.PasswordHasher:
    return current_app.extensions["flask_track.passwords"]


def hash_password(password: str) -> str:
    """An argon2id PHC string with a fresh random salt (so equal passwords hash differently)."""
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches; False for a mismatch or a hash that is not argon2."""
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        # VerifyMismatchError is a VerificationError; neither says which part was wrong.
        return False


def password_needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with other parameters (or type) than the current ones."""
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def _dummy_hash() -> str:
    """A hash of a random password with the current parameters, made once per app."""
    dummy = current_app.extensions.get("flask_track.dummy_hash")
    if dummy is None:
        dummy = hash_password(secrets.token_urlsafe(32))
        current_app.extensions["flask_track.dummy_hash"] = dummy
    return dummy


def _dummy_verify(password: str) -> None:
    """Spend the time of one real verification, so an unknown email is not faster to answer."""
    verify_password(_dummy_hash(), password)


def normalize_email(email: str) -> str:
    """Emails are unique case-insensitively: we store and compare the lower-cased form."""
    return email.strip().lower()


# ---------------------------------------------------------------- login throttle


def _client_address() -> str:
    # The TCP peer, never X-Forwarded-For read here: a client could choose a fresh "address"
    # per attempt. Behind a proxy, ProxyFix with TRUSTED_PROXY_HOPS (CATALOG §0) sets it.
    return request.remote_addr or "unknown"


def _throttle_key(email: str) -> str:
    # Hashed, so the limiter's storage (Redis) never holds email addresses in clear.
    raw = f"{normalize_email(email)}|{_client_address()}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def invalid_credentials() -> ProblemError:
    """The one answer for a wrong password AND an unknown email: nothing tells them apart."""
    return ProblemError(
        401,
        "invalid-credentials",
        "The email or password is incorrect.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def authenticate(email: str, password: str) -> User:
    """The user with these credentials, or 401 invalid-credentials / 429 rate-limited."""
    from flask_track.concepts.p22_signup.models import User

    key = _throttle_key(email)
    login_throttle.check_login_allowed(key)  # a locked key costs no hashing
    _dummy_hash()  # made before the lookup: the first login of a process is slow either way
    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if user is None:
        _dummy_verify(password)  # the hasher runs once either way
        valid = False
    else:
        valid = verify_password(user.password_hash, password)
    if valid:
        # Successes are never counted, but 5 failures counted while this one hashed still lock
        # the key: a burst of concurrent guesses cannot test more than the limit allows.
        login_throttle.check_login_allowed(key)
    else:
        # The check and the count in one atomic step: the 6th concurrent failure is a 429.
        login_throttle.count_failed_login(key)
        # The user id (None for an unknown email) helps spot a targeted account; never the
        # email or the password.
        log.info(
            "login failed",
            extra={"fields": {"event": "login_failed", "user_id": user.id if user else None}},
        )
        raise invalid_credentials()
    if password_needs_rehash(user.password_hash):
        # The only moment we hold the plain password: upgrade the hash to today's parameters.
        user.password_hash = hash_password(password)
        db.session.commit()
        log.info("password rehashed", extra={"fields": {"user_id": user.id}})
    return user


# ---------------------------------------------------------------- tokens


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


def _claims_ok(payload: Mapping[str, Any]) -> bool:
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


def _load_user(payload: Mapping[str, Any]) -> User | None:
    """The token's user, read once per request (blocklist and user lookup both need it)."""
    from flask_track.concepts.p22_signup.models import User

    cache: dict[str, User | None] = g.setdefault("auth_users", {})
    sub = str(payload.get("sub", ""))
    if sub not in cache:
        user_id = int(sub) if sub.isascii() and sub.isdigit() and len(sub) <= 19 else None
        if user_id is not None and user_id > MAX_USER_ID:
            user_id = None  # beyond BIGINT: no such user (and no 500 from the driver)
        cache[sub] = db.session.get(User, user_id) if user_id is not None else None
    return cache[sub]


RevocationCheck = Callable[[Mapping[str, Any]], bool]
_revocation_checks: list[RevocationCheck] = []


def revocation_check(check: RevocationCheck) -> RevocationCheck:
    """Register `check(payload) -> True if revoked`; run for every token (p29's blocklist)."""
    if check not in _revocation_checks:
        _revocation_checks.append(check)
    return check


def token_is_revoked(payload: Mapping[str, Any]) -> bool:
    """Revoked by logout-all (an older token_version) or by a registered check."""
    user = _load_user(payload)
    if user is not None and payload.get("token_version") != user.token_version:
        return True
    return any(check(payload) for check in _revocation_checks)


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
    if not _claims_ok(payload):
        raise TokenProblem("token-invalid", INVALID_TOKEN)
    if payload["type"] != kind:
        raise TokenProblem(
            "token-invalid", ACCESS_AS_REFRESH if kind == "refresh" else REFRESH_AS_ACCESS
        )
    user = _load_user(payload)
    if user is None:
        raise TokenProblem("token-invalid", DELETED_USER)
    if token_is_revoked(payload):
        raise TokenProblem("token-revoked", REVOKED)
    return payload, user


def current_user() -> User:
    """The user of the verified access token (call inside an auth_required view)."""
    return get_current_user()


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
        return documented  # type: ignore[return-value]

    return decorator


# ---------------------------------------------------------------- Flask-JWT-Extended loaders


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
def _expired(_header: dict, _payload: dict) -> Response:
    return token_response("token-expired", EXPIRED)


@jwt.revoked_token_loader
def _revoked(_header: dict, _payload: dict) -> Response:
    return token_response("token-revoked", REVOKED)


@jwt.needs_fresh_token_loader
def _needs_fresh(_header: dict, _payload: dict) -> Response:
    return token_response("token-invalid", "This route needs a fresh token: log in again.")


@jwt.token_verification_loader
def _verify_claims(_header: dict, payload: dict) -> bool:
    return _claims_ok(payload)


@jwt.token_verification_failed_loader
def _claims_failed(_header: dict, _payload: dict) -> Response:
    return token_response("token-invalid", "The token lacks required claims.")


@jwt.token_in_blocklist_loader
def _in_blocklist(_header: dict, payload: dict) -> bool:
    # The library asks this before the claims check: a token missing claims is "invalid"
    # (answered by _claims_failed next), not "revoked".
    return _claims_ok(payload) and token_is_revoked(payload)


@jwt.user_lookup_loader
def _lookup_user(_header: dict, payload: dict) -> User | None:
    return _load_user(payload)


@jwt.user_lookup_error_loader
def _user_gone(_header: dict, _payload: dict) -> Response:
    return token_response("token-invalid", DELETED_USER)


# ---------------------------------------------------------------- the admin account


def lock_admins() -> list[int]:
    """Ids of the admins, locked until commit on PostgreSQL (SELECT ... FOR UPDATE).

    Two admins demoting each other at the same moment would otherwise both see "2 admins"
    and leave none. SQLite ignores FOR UPDATE; there `an_admin_remains()` inside the single
    UPDATE/DELETE statement does the job, since SQLite runs one writer at a time.
    """
    from flask_track.concepts.p22_signup.models import User

    return list(
        db.session.scalars(sa.select(User.id).where(User.role == "admin").with_for_update())
    )


def an_admin_remains() -> sa.ColumnElement[bool]:
    """SQL condition for an UPDATE/DELETE of `users`: the row is not an admin, or another is."""
    from flask_track.concepts.p22_signup.models import User

    other = aliased(User)
    return sa.or_(
        User.role != "admin",
        sa.exists().where(other.role == "admin", other.id != User.id),
    )


def last_admin() -> ProblemError:
    """409: the app must always keep one admin."""
    return ProblemError(409, "conflict", "This is the last admin: promote another user first.")


def ensure_admin(app: Flask | None = None) -> str:
    """Create the ADMIN_EMAIL account if it does not exist: "created", "exists" or "skipped".

    Idempotent and safe when several processes start at once: the unique email index decides
    who inserts, the others see an IntegrityError and move on. An existing account is left as
    it is (its password may have been changed, and promoting an account someone else signed up
    with the admin's email would hand them the admin role).
    """
    from flask_track.concepts.p22_signup.models import User

    app = app or current_app
    email = normalize_email(app.config["ADMIN_EMAIL"])
    if not sa.inspect(db.engine).has_table(User.__tablename__):
        return "skipped"  # migrations have not run (Level 1 only, or a fresh checkout)
    existing = db.session.scalar(sa.select(User).where(User.email == email))
    if existing is not None:
        if existing.role != "admin":
            log.warning(
                "ADMIN_EMAIL belongs to a non-admin account; not promoting it",
                extra={"fields": {"user_id": existing.id}},
            )
        return "exists"
    db.session.add(
        User(email=email, password_hash=hash_password(app.config["ADMIN_PASSWORD"]), role="admin")
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # another worker created it a moment ago
        return "exists"
    log.info("admin account created", extra={"fields": {"event": "admin_created"}})
    return "created"


_admin_lock = threading.Lock()


def _ensure_admin_once() -> None:
    """First request of each process: make sure the admin exists (serve.py does it earlier)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.extensions.get("flask_track.admin_checked"):
        return
    with _admin_lock:
        if app.extensions.get("flask_track.admin_checked"):
            return
        app.extensions["flask_track.admin_checked"] = True
        try:
            ensure_admin(app)
        except SQLAlchemyError:
            db.session.rollback()
            log.exception("could not ensure the admin account")


# ---------------------------------------------------------------- wiring


def _check_argon2_settings(app: Flask) -> argon2.PasswordHasher:
    memory = int(app.config["ARGON2_MEMORY_KIB"])
    time_cost = int(app.config["ARGON2_TIME_COST"])
    parallelism = int(app.config["ARGON2_PARALLELISM"])
    if memory < ARGON2_FLOOR_MEMORY_KIB or time_cost < ARGON2_FLOOR_TIME_COST or parallelism < 1:
        raise ConfigError(
            "argon2id parameters below the OWASP floor (ARGON2_MEMORY_KIB >= 19456, "
            "ARGON2_TIME_COST >= 2, ARGON2_PARALLELISM >= 1): refusing to start."
        )
    return argon2.PasswordHasher(
        time_cost=time_cost,
        memory_cost=memory,
        parallelism=parallelism,
        type=argon2.Type.ID,
    )


def init_auth(app: Flask) -> None:
    """Hasher, JWT settings and loaders, limiter storage, OpenAPI scheme, admin bootstrap."""
    app.extensions["flask_track.passwords"] = _check_argon2_settings(app)
    app.config.update(
        JWT_TOKEN_LOCATION=["headers"],  # never query strings or cookies
        JWT_HEADER_NAME="Authorization",
        JWT_HEADER_TYPE="Bearer",
        JWT_ALGORITHM="HS256",
        JWT_DECODE_ALGORITHMS=["HS256"],  # what we accept: never "none", never RS/HS confusion
        JWT_COOKIE_CSRF_PROTECT=False,  # no cookies, so no csrf claim
        JWT_ENCODE_NBF=False,
        JWT_IDENTITY_CLAIM="sub",
    )
    if not app.config.get("JWT_SECRET_KEY"):
        raise ConfigError("JWT_SECRET_KEY is empty: refusing to start.")
    jwt.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    # A Redis that stops answering must turn into a 503 within seconds, never a hung request.
    app.config.setdefault(
        "RATELIMIT_STORAGE_OPTIONS", {"socket_timeout": 2, "socket_connect_timeout": 2}
    )
    limiter.init_app(app)
    api.spec.components.security_scheme(
        BEARER_SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An access token from POST /p24/token, /p27/token or /p28/login.",
        },
    )
    app.before_request(_ensure_admin_once)
