"""p24: the access token's shape, claims and signature."""

from __future__ import annotations

import time

import jwt
from flask import Flask
from flask.testing import FlaskClient

from tests.test_auth_support import PASSWORD, problem, signup


def test_token_response_and_claims(app: Flask, client: FlaskClient) -> None:
    user = signup(client, "ada@example.com")
    response = client.post("/p24/token", json={"email": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "HS256"
    claims = jwt.decode(body["access_token"], app.config["JWT_SECRET_KEY"], algorithms=["HS256"])
    assert claims["sub"] == str(user["id"])
    assert claims["type"] == "access" and claims["role"] == "user"
    assert isinstance(claims["jti"], str) and len(claims["jti"]) >= 16
    assert abs(claims["iat"] - time.time()) < 5
    assert claims["exp"] - claims["iat"] == 900


def test_each_token_has_its_own_jti(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    body = {"email": "ada@example.com", "password": PASSWORD}
    tokens = [client.post("/p24/token", json=body).get_json()["access_token"] for _ in range(2)]
    jtis = {jwt.decode(t, options={"verify_signature": False})["jti"] for t in tokens}
    assert len(jtis) == 2


def test_bad_credentials_are_401_invalid_credentials(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    response = client.post("/p24/token", json={"email": "ada@example.com", "password": "nope"})
    problem(response, 401, "invalid-credentials")


def test_the_access_lifetime_is_configurable(app: Flask, client: FlaskClient) -> None:
    app.config["JWT_ACCESS_TOKEN_EXPIRES"] = 120
    signup(client, "ada@example.com")
    body = client.post("/p24/token", json={"email": "ada@example.com", "password": PASSWORD})
    assert body.get_json()["expires_in"] == 120
