"""p25: every way a token can be wrong is a 401 with the right slug and challenge."""

from __future__ import annotations

import warnings
from datetime import timedelta

import jwt
import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_jwt_extended import create_access_token

from tests.test_auth_support import (
    access_token,
    assemble,
    bearer,
    expect_token_problem,
    segments,
    signup,
    token_pair,
)


@pytest.fixture
def token(client: FlaskClient) -> str:
    signup(client, "ada@example.com")
    return access_token(client, "ada@example.com")


def test_a_valid_token_shows_its_claims(client: FlaskClient, token: str) -> None:
    response = client.get("/p25/verify", headers=bearer(token))
    assert response.status_code == 200
    body = response.get_json()
    assert body["claims"]["type"] == "access" and body["claims"]["role"] == "user"
    assert set(body["claims"]) >= {"sub", "iat", "exp", "jti", "type", "role"}
    assert 0 < body["expires_in"] <= 900


@pytest.mark.parametrize(
    ("headers", "slug"),
    [
        pytest.param({}, "token-missing", id="no-header"),
        pytest.param({"Authorization": ""}, "token-missing", id="empty-header"),
        pytest.param({"Authorization": "Token abc"}, "token-invalid", id="token-scheme"),
        pytest.param({"Authorization": "Basic YTpi"}, "token-invalid", id="basic-scheme"),
        pytest.param({"Authorization": "Bearer"}, "token-invalid", id="bearer-alone"),
        pytest.param({"Authorization": "Bearer a b"}, "token-invalid", id="two-tokens"),
        pytest.param({"Authorization": "Bearer garbage"}, "token-invalid", id="garbage"),
        pytest.param({"Authorization": "Bearer a.b.c"}, "token-invalid", id="three-garbage-parts"),
    ],
)
def test_missing_or_malformed_headers(client: FlaskClient, headers: dict, slug: str) -> None:
    expect_token_problem(client.get("/p25/verify", headers=headers), slug)


@pytest.mark.parametrize("param", ["jwt", "access_token", "token"])
def test_a_token_in_the_query_string_is_ignored(
    client: FlaskClient, token: str, param: str
) -> None:
    expect_token_problem(client.get(f"/p25/verify?{param}={token}"), "token-missing")


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE"])
@pytest.mark.parametrize("signature", ["", "keep"])
def test_alg_none_is_refused(client: FlaskClient, token: str, alg: str, signature: str) -> None:
    header, payload, original = segments(token)
    forged = assemble({**header, "alg": alg}, payload, original if signature == "keep" else "")
    expect_token_problem(client.get("/p25/verify", headers=bearer(forged)), "token-invalid")


def test_an_empty_signature_is_refused(client: FlaskClient, token: str) -> None:
    stripped = token.rsplit(".", 1)[0] + "."
    expect_token_problem(client.get("/p25/verify", headers=bearer(stripped)), "token-invalid")


def test_an_edited_payload_with_the_old_signature_is_refused(
    client: FlaskClient, token: str
) -> None:
    header, payload, signature = segments(token)
    forged = assemble(header, {**payload, "role": "admin", "sub": "1"}, signature)
    expect_token_problem(client.get("/p25/verify", headers=bearer(forged)), "token-invalid")


@pytest.mark.parametrize("key", ["secret", "password", "your-256-bit-secret", "changeme"])
def test_guessable_keys_are_refused(client: FlaskClient, token: str, key: str) -> None:
    _header, payload, _signature = segments(token)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT warns about short HMAC keys: that is the point
        forged = jwt.encode(payload, key, algorithm="HS256")
    expect_token_problem(client.get("/p25/verify", headers=bearer(forged)), "token-invalid")


@pytest.mark.parametrize("alg", ["HS384", "HS512"])
def test_other_algorithms_with_the_right_key_are_refused(
    app: Flask, client: FlaskClient, token: str, alg: str
) -> None:
    _header, payload, _signature = segments(token)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the dev key is short for HS512: irrelevant here
        forged = jwt.encode(payload, app.config["JWT_SECRET_KEY"], algorithm=alg)
    expect_token_problem(client.get("/p25/verify", headers=bearer(forged)), "token-invalid")


# Not "type": Flask-JWT-Extended fills a missing type in as "access" before our check runs.
@pytest.mark.parametrize("claim", ["role", "jti", "exp", "token_version", "iat"])
def test_a_correctly_signed_token_without_a_required_claim_is_refused(
    app: Flask, client: FlaskClient, token: str, claim: str
) -> None:
    _header, payload, _signature = segments(token)
    del payload[claim]
    forged = jwt.encode(payload, app.config["JWT_SECRET_KEY"], algorithm="HS256")
    expect_token_problem(client.get("/p25/verify", headers=bearer(forged)), "token-invalid")


def test_an_expired_token_is_token_expired(app: Flask, client: FlaskClient, token: str) -> None:
    _header, payload, _signature = segments(token)
    with app.app_context():
        expired = create_access_token(
            payload["sub"],
            expires_delta=timedelta(seconds=-5),
            additional_claims={"role": "user", "token_version": 0},
        )
    expect_token_problem(client.get("/p25/verify", headers=bearer(expired)), "token-expired")


def test_a_refresh_token_is_not_an_access_token(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    refresh = token_pair(client, "ada@example.com")["refresh_token"]
    expect_token_problem(client.get("/p25/verify", headers=bearer(refresh)), "token-invalid")


def test_a_huge_sub_is_token_invalid_not_a_500(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        forged = create_access_token(
            "9" * 40, additional_claims={"role": "user", "token_version": 0}
        )
    expect_token_problem(client.get("/p25/verify", headers=bearer(forged)), "token-invalid")
