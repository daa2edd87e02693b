"""p28 refresh-token (CATALOG Level 3): POST /p28/login, POST /p28/refresh {"refresh_token"}."""

from __future__ import annotations

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_status,
    expect_validation_error,
)
from contracts.level3.auth_helpers import (
    bearer,
    claims,
    expect_refused_token,
    expect_token_problem,
)


def refresh(api, token):
    return api.post("/p28/refresh", json={"refresh_token": token})


@case("p28.login-pair")
def test_login_gives_an_access_and_a_refresh_token(api, user_pair):
    """POST /p28/login → access_token (type access) + refresh_token (type refresh)."""
    assert claims(user_pair.access_token).get("type") == "access", "access token type access"
    assert claims(user_pair.refresh_token).get("type") == "refresh", "refresh token type refresh"
    expect_status(api.get("/p26/me", headers=user_pair.headers), 200)


@case("p28.refresh-rotates")
def test_refresh_gives_a_new_pair(api, user_pair):
    """POST /p28/refresh → 200 a new access token and a NEW refresh token; both work."""
    response = refresh(api, user_pair.refresh_token)
    body = expect_json(response, 200)
    assert isinstance(body.get("refresh_token"), str), describe(response, "a refresh_token")
    assert body["refresh_token"] != user_pair.refresh_token, describe(
        response, "a different refresh token (rotation)"
    )
    expect_status(api.get("/p26/me", headers=bearer(body["access_token"])), 200)
    expect_status(refresh(api, body["refresh_token"]), 200)


@case("p28.reuse-revokes-family")
def test_reusing_a_spent_refresh_token_revokes_the_family(api, user_pair):
    """Spent token reused → 401; the newest refresh token of that family is refused too."""
    newest = expect_json(refresh(api, user_pair.refresh_token), 200)["refresh_token"]
    expect_refused_token(refresh(api, user_pair.refresh_token), "token-revoked", "token-invalid")
    # The newest refresh token of that family dies too.
    expect_refused_token(refresh(api, newest), "token-revoked", "token-invalid")


@case("p28.refresh-as-access-refused")
def test_a_refresh_token_is_not_an_access_token(api, user_pair):
    """The refresh token as Bearer on GET /p26/me → 401 token-invalid (not 422)."""
    response = api.get("/p26/me", headers=bearer(user_pair.refresh_token))
    expect_token_problem(response, "token-invalid")


@case("p28.access-as-refresh-refused")
def test_an_access_token_is_not_a_refresh_token(api, user_pair):
    """The access token in POST /p28/refresh → 401 token-invalid (not 422)."""
    expect_token_problem(refresh(api, user_pair.access_token), "token-invalid")


@case("p28.garbage-refresh-token-401")
@pytest.mark.parametrize("value", ["garbage", "a.b.c"])
def test_garbage_is_token_invalid(api, value):
    """A refresh_token that is not a JWT of ours → 401 token-invalid."""
    expect_token_problem(refresh(api, value), "token-invalid")


@case("p28.missing-refresh-token-422")
def test_a_missing_refresh_token_is_422(api):
    """POST /p28/refresh {} → 422 naming refresh_token."""
    expect_validation_error(api.post("/p28/refresh", json={}), "refresh_token")


@case("p28.access-lifetime-is-expires-in")
def test_the_access_tokens_exp_minus_iat_is_expires_in(api, make_user):
    """POST /p28/login → the access token's exp - iat equals the expires_in answered (§0)."""
    account = make_user()
    response = api.post("/p28/login", json={"email": account.email, "password": account.password})
    body = expect_json(response, 200)
    payload = claims(body["access_token"])
    assert payload.get("exp", 0) - payload.get("iat", 0) == body.get("expires_in"), describe(
        response, f"exp - iat == expires_in: {payload}"
    )
