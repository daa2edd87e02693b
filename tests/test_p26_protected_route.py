"""p26: /me with a valid token only; a deleted user's token is token-invalid."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from flask_track.extensions import db
from flask_track.shared.revocation import RefreshTokenFamily
from flask_track.shared.users import User
from tests.test_auth_support import (
    access_token,
    admin_token,
    bearer,
    expect_token_problem,
    problem,
    signup,
    token_pair,
)


def test_me_needs_a_token(client: FlaskClient) -> None:
    for method in ("get", "patch", "delete"):
        expect_token_problem(getattr(client, method)("/p26/me"), "token-missing")


def test_auth_comes_before_body_validation(client: FlaskClient) -> None:
    expect_token_problem(client.patch("/p26/me", json={"role": "admin"}), "token-missing")


def test_get_and_patch_me(client: FlaskClient) -> None:
    user = signup(client, "ada@example.com")
    headers = bearer(access_token(client, "ada@example.com"))
    assert client.get("/p26/me", headers=headers).get_json() == user
    patched = client.patch("/p26/me", headers=headers, json={"display_name": "Ada"})
    assert patched.status_code == 200 and patched.get_json()["display_name"] == "Ada"
    cleared = client.patch("/p26/me", headers=headers, json={"display_name": None})
    assert cleared.get_json()["display_name"] is None


def test_patch_cannot_change_role_or_email(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    headers = bearer(access_token(client, "ada@example.com"))
    for body in ({"role": "admin"}, {"email": "x@example.com"}, {}):
        problem(client.patch("/p26/me", headers=headers, json=body), 422, "validation-error")
    assert client.get("/p26/me", headers=headers).get_json()["role"] == "user"


def test_delete_me_makes_the_token_invalid(app: Flask, client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    pair = token_pair(client, "ada@example.com")
    headers = bearer(pair["access_token"])
    assert client.delete("/p26/me", headers=headers).status_code == 204
    expect_token_problem(client.get("/p26/me", headers=headers), "token-invalid")
    refreshed = client.post("/p28/refresh", json={"refresh_token": pair["refresh_token"]})
    expect_token_problem(refreshed, "token-invalid")
    with app.app_context():  # the refresh families went with the user (ON DELETE CASCADE)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RefreshTokenFamily)) == 0


def test_a_deleted_users_id_is_never_reused(app: Flask, client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    old_headers = bearer(access_token(client, "ada@example.com"))
    client.delete("/p26/me", headers=old_headers)
    newcomer = signup(client, "bob@example.com")
    with app.app_context():
        assert db.session.get(User, newcomer["id"]) is not None
    # The old token names the deleted id; it must not become Bob's.
    expect_token_problem(client.get("/p26/me", headers=old_headers), "token-invalid")


def test_the_last_admin_cannot_delete_themselves(client: FlaskClient) -> None:
    headers = bearer(admin_token(client))
    problem(client.delete("/p26/me", headers=headers), 409, "conflict")
    assert client.get("/p26/me", headers=headers).status_code == 200
