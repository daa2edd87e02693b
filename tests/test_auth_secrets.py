"""No response or log line of a whole auth flow holds a password, a hash, the key or a token."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from flask_track.extensions import db
from flask_track.shared.users import User
from tests.test_auth_support import ADMIN_PASSWORD, bearer

PASSWORD = "Tr0ub4dor&3-horse-staple"
NEW_PASSWORD_GUESS = "wrong-Tr0ub4dor&3-guess"


def test_a_full_flow_leaks_no_secret(
    app: Flask, client: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    responses: list[Any] = []

    def call(method: str, path: str, **kwargs: Any) -> Any:
        response = getattr(client, method)(path, **kwargs)
        responses.append(response)
        return response

    email = "leak-check@example.com"
    credentials = {"email": email, "password": PASSWORD}
    call("post", "/p22/signup", json={**credentials, "display_name": "Leak"})
    call("post", "/p22/signup", json={"email": "weak@example.com", "password": "password1"})
    call("post", "/p23/login", json=credentials)
    call("post", "/p23/login", json={"email": email, "password": NEW_PASSWORD_GUESS})
    call("post", "/p23/login", json={"email": "nobody@example.com", "password": PASSWORD})
    access = call("post", "/p24/token", json=credentials).get_json()["access_token"]
    call("get", "/p25/verify", headers=bearer(access))
    call("get", "/p26/me", headers=bearer(access))
    short = call("post", "/p27/token", json={**credentials, "expires_in": 30}).get_json()
    pair = call("post", "/p28/login", json=credentials).get_json()
    rotated = call("post", "/p28/refresh", json={"refresh_token": pair["refresh_token"]})
    rotated = rotated.get_json()
    call("post", "/p28/refresh", json={"refresh_token": pair["refresh_token"]})  # reuse
    call("get", "/p26/me", headers={"Authorization": f"Token {access}"})
    call("get", f"/p26/me?jwt={access}")
    call(
        "post",
        "/p29/logout",
        headers=bearer(rotated["access_token"]),
        json={"refresh_token": rotated["refresh_token"]},
    )
    call("post", "/p29/logout-all", headers=bearer(access))
    call("get", "/p26/me", headers=bearer(access))
    call(
        "post", "/p24/token", json={"email": app.config["ADMIN_EMAIL"], "password": ADMIN_PASSWORD}
    )

    with app.app_context():
        hashes = list(db.session.scalars(sa.select(User.password_hash)))
    tokens = [
        access,
        short["access_token"],
        pair["access_token"],
        pair["refresh_token"],
        rotated["access_token"],
        rotated["refresh_token"],
    ]
    secrets = {
        "password": PASSWORD,
        "guessed password": NEW_PASSWORD_GUESS,
        "weak password": "password1",
        "admin password": ADMIN_PASSWORD,
        "JWT key": app.config["JWT_SECRET_KEY"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        **{f"hash {n}": value for n, value in enumerate(hashes)},
        # Neither a whole token nor its signature (the part that makes it usable).
        **{f"token {n}": value for n, value in enumerate(tokens)},
        **{f"signature {n}": value.rsplit(".", 1)[1] for n, value in enumerate(tokens)},
    }
    captured = capsys.readouterr()
    logs = captured.out + captured.err
    assert '"logger": "flask_track.access"' in logs  # the log was captured at all
    for name, value in secrets.items():
        assert value not in logs, f"{name} appears in the logs"
    # Responses: tokens come back only where they are issued; no hash or password anywhere.
    for response in responses:
        text = response.get_data(as_text=True)
        for name, value in secrets.items():
            if name.startswith(("token", "signature")):
                continue
            assert value not in text, f"{name} appears in a response to {response.request.path}"
    assert len(hashes) >= 2


def test_validation_errors_do_not_echo_the_password(client: FlaskClient) -> None:
    for password in ("short", "x" * 2000, "password123"):
        response = client.post("/p22/signup", json={"email": "a@example.com", "password": password})
        assert response.status_code == 422
        assert password not in response.get_data(as_text=True)


def test_token_responses_are_not_cacheable(client: FlaskClient) -> None:
    credentials = {"email": "c@example.com", "password": PASSWORD}
    client.post("/p22/signup", json=credentials)
    responses = [
        client.post("/p24/token", json=credentials),
        client.post("/p27/token", json={**credentials, "expires_in": 5}),
        client.post("/p28/login", json=credentials),
    ]
    refresh = responses[-1].get_json()["refresh_token"]
    responses.append(client.post("/p28/refresh", json={"refresh_token": refresh}))
    for response in responses:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Pragma"] == "no-cache"
