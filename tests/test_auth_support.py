"""Helpers for the Level 3 unit tests (no tests here): sign up, log in, forge tokens."""

from __future__ import annotations

import base64
import json
from typing import Any

from flask.testing import FlaskClient

from flask_track.config import DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD

PASSWORD = "correct horse battery staple"
ADMIN_EMAIL = DEFAULT_ADMIN_EMAIL
ADMIN_PASSWORD = DEFAULT_ADMIN_PASSWORD


def signup(client: FlaskClient, email: str = "ada@example.com", **extra: Any) -> dict[str, Any]:
    """Create a user through p22; its body."""
    body = {"email": email, "password": PASSWORD, **extra}
    response = client.post("/p22/signup", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def access_token(client: FlaskClient, email: str, password: str = PASSWORD) -> str:
    """An access token from p24."""
    response = client.post("/p24/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["access_token"]


def token_pair(client: FlaskClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    """Access + refresh tokens from p28."""
    response = client.post("/p28/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def admin_token(client: FlaskClient) -> str:
    """The bootstrap admin's access token (created on the app's first request)."""
    return access_token(client, ADMIN_EMAIL, ADMIN_PASSWORD)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def segments(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Header and payload (decoded, unverified) and the signature text of a JWT."""
    header, payload, signature = token.split(".")

    def decode(part: str) -> dict[str, Any]:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))

    return decode(header), decode(payload), signature


def assemble(header: dict[str, Any], payload: dict[str, Any], signature: str) -> str:
    """A JWT from parts, signature text as given (to forge unsigned or mis-signed tokens)."""
    encode = lambda part: b64url(json.dumps(part, separators=(",", ":")).encode())  # noqa: E731
    return f"{encode(header)}.{encode(payload)}.{signature}"


def problem(response: Any, status: int, slug: str) -> dict[str, Any]:
    """Assert a problem+json answer; its body."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == f"/problems/{slug}", body
    return body


def expect_token_problem(response: Any, slug: str) -> dict[str, Any]:
    """401 with the slug and the RFC 6750 challenge that goes with it."""
    body = problem(response, 401, slug)
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer")
    if slug == "token-missing":
        assert "error=" not in challenge
    else:
        assert 'error="invalid_token"' in challenge
        assert "error_description=" in challenge
    return body
