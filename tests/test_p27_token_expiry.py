"""p27: a token with the lifetime asked for, refused once it is over."""

from __future__ import annotations

import time

import jwt
import pytest
from flask.testing import FlaskClient

from tests.test_auth_support import PASSWORD, bearer, expect_token_problem, problem, signup


def short_token(client: FlaskClient, expires_in: object) -> object:
    body = {"email": "ada@example.com", "password": PASSWORD, "expires_in": expires_in}
    return client.post("/p27/token", json=body)


def test_the_token_lives_as_long_as_asked(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    response = short_token(client, 60)
    body = response.get_json()
    assert body["expires_in"] == 60 and body["token_type"] == "Bearer"
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 60


def early_one_second_token(client: FlaskClient) -> str:
    """A 1-second token received within 0.5 s of its `iat`. `iat` is whole seconds, so a token
    issued at x.99 expires 10 ms later: checking "still valid" on it would race the clock."""
    for _ in range(5):
        time.sleep(1 - time.time() % 1)  # ask at the start of a second
        token = short_token(client, 1).get_json()["access_token"]
        issued_at = jwt.decode(token, options={"verify_signature": False})["iat"]
        if time.time() - issued_at < 0.5:
            return str(token)
    pytest.fail("no 1-second token arrived within 0.5 s of its iat in 5 tries")


def test_after_expiry_protected_routes_answer_token_expired(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    token = early_one_second_token(client)
    assert client.get("/p26/me", headers=bearer(token)).status_code == 200
    time.sleep(2.1)
    expect_token_problem(client.get("/p26/me", headers=bearer(token)), "token-expired")


@pytest.mark.parametrize("expires_in", [0, 3601, -1, "60", 60.0, True, None])
def test_out_of_range_or_mistyped_lifetimes_are_422(
    client: FlaskClient, expires_in: object
) -> None:
    signup(client, "ada@example.com")
    errors = problem(short_token(client, expires_in), 422, "validation-error")["errors"]
    assert "expires_in" in errors
