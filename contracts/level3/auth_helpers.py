"""Shared steps of the Level 3 contracts: accounts, bearer headers, forged tokens, checks.

Not a test module (no cases here). Tokens are forged with PyJWT and plain base64, never with
the implementation's code: the suite must catch an implementation that accepts them.
"""

from __future__ import annotations

import base64
import json
import secrets
import warnings
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from contracts.harness import describe, expect_json, expect_problem, header_value

TOKEN_FIELDS = ("access_token", "token_type", "expires_in")
USER_FIELDS = ("id", "email", "display_name", "role", "created_at")


@dataclass
class Account:
    """A user the test created (or the admin), with whatever tokens it obtained."""

    email: str
    password: str
    id: int | None = None
    access_token: str | None = None
    refresh_token: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        assert self.access_token, "this account has no access token"
        return bearer(self.access_token)


def bearer(token: str) -> dict[str, str]:
    """The RFC 6750 header for a token."""
    return {"Authorization": f"Bearer {token}"}


def strong_password(unique: str) -> str:
    """A password no common-password list holds, unique per test."""
    return f"Cc-{unique}-{secrets.token_hex(8)}"


def sign_up(api: httpx.Client, email: str, password: str, **extra: Any) -> dict[str, Any]:
    """POST /p22/signup that must succeed; the user body."""
    response = api.post("/p22/signup", json={"email": email, "password": password, **extra})
    return expect_json(response, 201)


def get_token(api: httpx.Client, email: str, password: str) -> str:
    """An access token from POST /p24/token."""
    response = api.post("/p24/token", json={"email": email, "password": password})
    body = expect_json(response, 200)
    assert isinstance(body.get("access_token"), str), describe(response, "an access_token")
    return body["access_token"]


def get_pair(api: httpx.Client, email: str, password: str) -> dict[str, Any]:
    """Access and refresh tokens from POST /p28/login."""
    response = api.post("/p28/login", json={"email": email, "password": password})
    body = expect_json(response, 200)
    for name in ("access_token", "refresh_token"):
        assert isinstance(body.get(name), str) and body[name], describe(response, f"a {name}")
    return body


def expect_token_problem(response: httpx.Response, slug: str) -> dict[str, Any]:
    """401 `slug` with the RFC 6750 challenge: `Bearer` alone for a missing token,
    `Bearer error="invalid_token", error_description=...` for a bad, expired or revoked one."""
    body = expect_problem(response, 401, slug)
    challenge = header_value(response, "www-authenticate")
    assert challenge.split()[0].lower() == "bearer", describe(
        response, "WWW-Authenticate with the Bearer scheme"
    )
    if slug == "token-missing":
        assert "error=" not in challenge, describe(
            response, "WWW-Authenticate without an error (no token was sent: RFC 6750 §3.1)"
        )
    else:
        assert 'error="invalid_token"' in challenge, describe(
            response, 'WWW-Authenticate: Bearer error="invalid_token", error_description=...'
        )
        assert "error_description=" in challenge, describe(
            response, "WWW-Authenticate with an error_description"
        )
    return body


def expect_refused_token(response: httpx.Response, *slugs: str) -> dict[str, Any]:
    """401 with one of `slugs` (where the catalog leaves the exact one open) and the
    invalid_token challenge."""
    assert response.status_code == 401, describe(response, "status 401")
    kind = str(response.json().get("type", "")) if response.content else ""
    matching = [slug for slug in slugs if kind.endswith(f"/problems/{slug}")]
    assert matching, describe(response, f"type one of {['/problems/' + s for s in slugs]}")
    return expect_token_problem(response, matching[0])


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(part: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def split_token(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Header and payload of a JWT (unverified) and its signature text."""
    header, payload, signature = token.split(".")
    return _unb64(header), _unb64(payload), signature


def join_token(header: dict[str, Any], payload: dict[str, Any], signature: str) -> str:
    """A JWT from parts, with the signature text given (forgeries)."""

    def encode(part: dict[str, Any]) -> str:
        return _b64(json.dumps(part, separators=(",", ":")).encode())

    return f"{encode(header)}.{encode(payload)}.{signature}"


def claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, not verified (the suite has no key)."""
    return split_token(token)[1]


def sign_with(payload: dict[str, Any], key: str) -> str:
    """HS256 with a key of our choosing (a guessable one: the server must refuse it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT warns about short HMAC keys: that is the point
        return jwt.encode(payload, key, algorithm="HS256")
