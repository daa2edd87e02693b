"""p27 token-expiry (CATALOG Level 3): POST /p27/token {"email","password","expires_in":1-3600}."""

from __future__ import annotations

import time

import pytest

from contracts.harness import case, describe, expect_json, expect_status, expect_validation_error
from contracts.level3.auth_helpers import bearer, claims, expect_token_problem


def short_token(api, account, expires_in):
    body = {"email": account.email, "password": account.password, "expires_in": expires_in}
    return api.post("/p27/token", json=body)


@case("p27.lifetime-as-asked")
def test_the_token_lives_as_long_as_asked(api, make_user):
    """expires_in 60 → expires_in 60 in the answer, exp - iat == 60, and the token works."""
    account = make_user()
    response = short_token(api, account, 60)
    body = expect_json(response, 200)
    assert body.get("expires_in") == 60 and body.get("token_type") == "Bearer", describe(
        response, 'expires_in 60, token_type "Bearer"'
    )
    payload = claims(body["access_token"])
    assert payload.get("exp", 0) - payload.get("iat", 0) == 60, describe(
        response, f"exp - iat == 60: {payload}"
    )
    expect_status(api.get("/p26/me", headers=bearer(body["access_token"])), 200)


@case("p27.expired-token-401")
def test_an_expired_token_is_token_expired(api, make_user):
    """A 1-second token, 2.5 s later → 401 token-expired with error="invalid_token"."""
    account = make_user()
    token = expect_json(short_token(api, account, 1), 200)["access_token"]
    time.sleep(2.5)
    expect_token_problem(api.get("/p26/me", headers=bearer(token)), "token-expired")


@case("p27.expires-in-out-of-range-422")
@pytest.mark.parametrize(
    "value",
    [
        pytest.param(0, id="zero"),
        pytest.param(3601, id="over-an-hour"),
        pytest.param(-5, id="negative"),
        pytest.param("60", id="string"),
        pytest.param(1.5, id="fraction"),
    ],
)
def test_expires_in_outside_1_to_3600_is_422(api, make_user, value):
    """expires_in not an integer in 1..3600 → 422 errors.expires_in."""
    expect_validation_error(short_token(api, make_user(), value), "expires_in")
