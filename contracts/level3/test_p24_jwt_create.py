"""p24 jwt-create (CATALOG Level 3): POST /p24/token → {access_token, token_type, expires_in}."""

from __future__ import annotations

import time

from contracts.harness import case, describe, expect_json, expect_problem, header_value
from contracts.level3.auth_helpers import claims, split_token


@case("p24.token-response")
def test_token_response_shape(api, make_user):
    """→ 200 {"access_token":str,"token_type":"Bearer","expires_in":int>0}, no-store."""
    account = make_user()
    response = api.post("/p24/token", json={"email": account.email, "password": account.password})
    body = expect_json(response, 200)
    assert isinstance(body.get("access_token"), str) and body["access_token"].count(".") == 2, (
        describe(response, "a JWT (three dot-separated parts)")
    )
    assert body.get("token_type") == "Bearer", describe(response, 'token_type "Bearer"')
    expires_in = body.get("expires_in")
    assert isinstance(expires_in, int) and not isinstance(expires_in, bool) and expires_in > 0, (
        describe(response, "expires_in a positive integer")
    )
    directives = {d.strip().lower() for d in header_value(response, "cache-control").split(",")}
    assert "no-store" in directives, describe(response, "Cache-Control: no-store")


@case("p24.token-claims")
def test_the_token_is_hs256_with_the_catalog_claims(api, make_user):
    """The JWT is HS256 with sub (string user id), iat, exp, jti, type "access", role."""
    account = make_user()
    response = api.post("/p24/token", json={"email": account.email, "password": account.password})
    token = expect_json(response, 200)["access_token"]
    header, payload, _signature = split_token(token)
    assert header.get("alg") == "HS256", describe(response, f"alg HS256, got header {header}")
    assert payload.get("sub") == str(account.id), describe(
        response, f"sub == {str(account.id)!r} (a string), got {payload}"
    )
    now = time.time()
    for name in ("iat", "exp"):
        assert isinstance(payload.get(name), int), describe(response, f"integer {name}: {payload}")
    assert payload["iat"] <= now + 5 and payload["exp"] > now, describe(
        response, f"iat not in the future, exp in the future: {payload}"
    )
    assert isinstance(payload.get("jti"), str) and payload["jti"], describe(
        response, f"a jti: {payload}"
    )
    assert payload.get("type") == "access" and payload.get("role") == "user", describe(
        response, f'type "access", role "user": {payload}'
    )


@case("p24.jti-unique")
def test_every_token_has_its_own_jti(api, make_user):
    """Two tokens for the same user have different jti."""
    account = make_user()
    credentials = {"email": account.email, "password": account.password}
    tokens = [
        expect_json(api.post("/p24/token", json=credentials), 200)["access_token"] for _ in range(2)
    ]
    jtis = {claims(t).get("jti") for t in tokens}
    assert len(jtis) == 2, f"\nexpected: two different jti\ngot: {jtis}"


@case("p24.bad-credentials-401")
def test_bad_credentials_are_401(api, make_user):
    """Wrong password → 401 invalid-credentials, no token."""
    account = make_user()
    response = api.post("/p24/token", json={"email": account.email, "password": "wrong-pass"})
    expect_problem(response, 401, "invalid-credentials")
    assert "access_token" not in response.text, describe(response, "no token")


@case("p24.lifetime-is-expires-in")
def test_exp_minus_iat_is_expires_in(api, make_user):
    """The token's exp - iat equals the expires_in answered (§0: the configured lifetime)."""
    account = make_user()
    response = api.post("/p24/token", json={"email": account.email, "password": account.password})
    body = expect_json(response, 200)
    payload = claims(body["access_token"])
    assert payload.get("exp", 0) - payload.get("iat", 0) == body.get("expires_in"), describe(
        response, f"exp - iat == expires_in: {payload}"
    )
