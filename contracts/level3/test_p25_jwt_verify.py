"""p25 jwt-verify (CATALOG Level 3): GET /p25/verify and the attacks on a bearer token.

Choice where the catalog is silent (NOTES.md): the verified claims are the body, or the
`claims` member of it; the cases accept either.
"""

from __future__ import annotations

import pytest

from contracts.harness import case, describe, expect_json
from contracts.level3.auth_helpers import (
    bearer,
    expect_token_problem,
    join_token,
    sign_with,
    split_token,
)

GUESSABLE_KEYS = ["secret", "password", "your-256-bit-secret", "changeme", "jwt-secret", "key"]


@case("p25.verify-200-claims")
def test_a_valid_token_shows_its_verified_claims(api, user):
    """A valid access token → 200 with its claims: sub, iat, exp, jti, type, role."""
    response = api.get("/p25/verify", headers=user.headers)
    body = expect_json(response, 200)
    shown = body.get("claims", body) if isinstance(body, dict) else None
    assert isinstance(shown, dict), describe(response, "the claims object")
    missing = [n for n in ("sub", "iat", "exp", "jti", "type", "role") if n not in shown]
    assert not missing, describe(response, f"claims sub, iat, exp, jti, type, role ({missing})")
    assert shown["sub"] == str(user.id) and shown["type"] == "access", describe(
        response, f'sub {str(user.id)!r} and type "access"'
    )


@case("p25.missing-token-401")
def test_no_token_is_token_missing(api):
    """No Authorization header → 401 token-missing, WWW-Authenticate: Bearer (no error)."""
    expect_token_problem(api.get("/p25/verify"), "token-missing")


@case("p25.malformed-header-401")
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("Token {token}", id="token-scheme"),
        pytest.param("Basic dXNlcjpwYXNz", id="basic-scheme"),
        pytest.param("Bearer", id="bearer-without-token"),
        pytest.param("Bearer garbage", id="bearer-garbage"),
        pytest.param("Bearer {token} extra", id="bearer-two-values"),
        pytest.param("{token}", id="no-scheme"),
    ],
)
def test_a_header_that_is_not_bearer_jwt_is_token_invalid(api, user, value):
    """An Authorization header that is not `Bearer <jwt>` → 401 token-invalid."""
    header = {"Authorization": value.format(token=user.access_token)}
    expect_token_problem(api.get("/p25/verify", headers=header), "token-invalid")


@case("p25.alg-none-refused")
@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
@pytest.mark.parametrize("signature", ["empty", "original"])
def test_alg_none_is_refused(api, user, alg, signature):
    """The token re-headed with alg none/None/NONE (no or the old signature) → token-invalid."""
    header, payload, original = split_token(user.access_token)
    forged = join_token({**header, "alg": alg}, payload, "" if signature == "empty" else original)
    expect_token_problem(api.get("/p25/verify", headers=bearer(forged)), "token-invalid")


@case("p25.empty-signature-refused")
def test_an_empty_signature_is_refused(api, user):
    """header.payload. (signature removed) → token-invalid."""
    stripped = user.access_token.rsplit(".", 1)[0] + "."
    expect_token_problem(api.get("/p25/verify", headers=bearer(stripped)), "token-invalid")


@case("p25.edited-payload-refused")
@pytest.mark.parametrize(
    "edit",
    [
        pytest.param({"role": "admin"}, id="role-admin"),
        pytest.param({"sub": "1"}, id="other-sub"),
        pytest.param({"exp": 4102444800}, id="later-exp"),
    ],
)
def test_an_edited_payload_with_the_old_signature_is_refused(api, user, edit):
    """The payload edited (role, sub, exp), the original signature kept → token-invalid."""
    header, payload, signature = split_token(user.access_token)
    forged = join_token(header, {**payload, **edit}, signature)
    expect_token_problem(api.get("/p25/verify", headers=bearer(forged)), "token-invalid")


@case("p25.guessable-key-refused")
@pytest.mark.parametrize("key", GUESSABLE_KEYS)
def test_hs256_with_a_guessable_key_is_refused(api, user, key):
    """The real claims re-signed with HS256 and a guessable key ("secret", ...) → token-invalid."""
    forged = sign_with(split_token(user.access_token)[1], key)
    expect_token_problem(api.get("/p25/verify", headers=bearer(forged)), "token-invalid")


@case("p25.query-string-token-ignored")
@pytest.mark.parametrize("name", ["jwt", "access_token", "token"])
def test_a_token_in_the_query_string_is_not_accepted(api, user, name):
    """A valid token in the query string only → 401 token-missing (header only)."""
    response = api.get("/p25/verify", params={name: user.access_token})
    expect_token_problem(response, "token-missing")
