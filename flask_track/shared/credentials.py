"""The one credential check of p23, p24, p27 and p28, and the failed-login throttle.

`authenticate()` never tells a wrong password from an unknown email (same 401, and the hasher
runs once either way), throttles failed attempts per email+client (5 in any 60 s -> 429), and
upgrades an outdated hash on a successful login. p23 teaches it; the token routes reuse it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import request
from limits import RateLimitItemPerMinute

from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared import rate_limits
from flask_track.shared.passwords import (
    dummy_hash,
    dummy_verify,
    hash_password,
    password_needs_rehash,
    verify_password,
)
from flask_track.shared.users import User, normalize_email

log = logging.getLogger("flask_track.auth")

F = TypeVar("F", bound=Callable[..., Any])

# 5 failed logins per email+client in any 60 seconds (a moving window, not a calendar minute).
FAILED_LOGIN_LIMIT = RateLimitItemPerMinute(5)
FAILED_LOGIN = "failed-login"


def credential_check_responses(blp: Blueprint) -> Callable[[F], F]:
    """Document what every route that calls `authenticate()` may answer: 401, 429, 503."""

    def decorator(view: F) -> F:
        # Applied innermost first, as the decorator stack it replaces did.
        view = blp.alt_response(503, response="SERVICE_UNAVAILABLE")(view)
        view = blp.alt_response(429, response="TOO_MANY_REQUESTS")(view)
        documented: F = blp.alt_response(401, response="UNAUTHORIZED")(view)
        return documented

    return decorator


# ---------------------------------------------------------------- login throttle


def _client_address() -> str:
    # The TCP peer, never X-Forwarded-For read here: a client could choose a fresh "address"
    # per attempt. Behind a proxy, ProxyFix with TRUSTED_PROXY_HOPS (CATALOG §0) sets it.
    return request.remote_addr or "unknown"


def _throttle_key(email: str) -> str:
    # Hashed, so the counters' storage (Redis) never holds email addresses in clear.
    raw = f"{normalize_email(email)}|{_client_address()}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _rate_limited(reset_s: int) -> ProblemError:
    return ProblemError(
        429,
        "rate-limited",
        "Too many failed logins for this account from your address; retry later.",
        headers={"Retry-After": str(max(1, reset_s))},
    )


def check_login_throttle(email: str) -> None:
    """429 when this email+client already failed 5 times in the last minute (counts nothing)."""
    state = rate_limits.test(FAILED_LOGIN_LIMIT, FAILED_LOGIN, _throttle_key(email))
    if not state.allowed:
        raise _rate_limited(state.reset_s)


def count_failed_login(email: str) -> None:
    """Count one failure, or answer 429 if 5 are already counted: ONE atomic step.

    `rate_limits.hit()` checks and adds in one go (the `limits` library's moving window: a Lua
    script in Redis, a per-key lock in memory), so of 20 concurrent wrong logins exactly 5 are
    counted (401) and 15 refused (429). Testing first and counting afterwards let every
    concurrent attempt through the test (issue 10). p38's rate limit is the same `hit()`.
    """
    state = rate_limits.hit(FAILED_LOGIN_LIMIT, FAILED_LOGIN, _throttle_key(email))
    if not state.allowed:
        raise _rate_limited(state.reset_s)


# ---------------------------------------------------------------- the check


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
    check_login_throttle(email)
    dummy_hash()  # made before the lookup: the first login of a process is slow either way
    user: User | None = db.session.scalar(
        sa.select(User).where(User.email == normalize_email(email))
    )
    if user is None:
        dummy_verify(password)  # the hasher runs once either way
        valid = False
    else:
        valid = verify_password(user.password_hash, password)
    if user is None or not valid:
        count_failed_login(email)  # 429 instead, when 5 failures are already counted
        # The user id (None for an unknown email) helps spot a targeted account; never the
        # email or the password.
        log.info(
            "login failed",
            extra={"fields": {"event": "login_failed", "user_id": user.id if user else None}},
        )
        raise invalid_credentials()
    # Successes are never counted, but failures counted while this one was hashing still lock
    # the key: a burst of concurrent guesses cannot test more than the limit allows.
    check_login_throttle(email)
    if password_needs_rehash(user.password_hash):
        # The only moment we hold the plain password: upgrade the hash to today's parameters.
        user.password_hash = hash_password(password)
        db.session.commit()
        log.info("password rehashed", extra={"fields": {"user_id": user.id}})
    return user
