"""p28: rotation, reuse detection that kills the family, across app instances (workers)."""

from __future__ import annotations

from pathlib import Path

import flask_migrate
import jwt
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from flask_track import create_app
from flask_track.config import TestingConfig
from flask_track.extensions import db
from flask_track.shared.revocation import RefreshTokenFamily
from tests.test_auth_support import (
    access_token,
    bearer,
    expect_token_problem,
    problem,
    signup,
    token_pair,
)


def refresh(client: FlaskClient, token: str) -> object:
    return client.post("/p28/refresh", json={"refresh_token": token})


def test_login_gives_a_pair(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    pair = token_pair(client, "ada@example.com")
    assert set(pair) == {
        "access_token",
        "refresh_token",
        "token_type",
        "expires_in",
        "refresh_expires_in",
    }
    claims = jwt.decode(pair["refresh_token"], options={"verify_signature": False})
    assert claims["type"] == "refresh" and isinstance(claims["family"], str)
    assert client.get("/p26/me", headers=bearer(pair["access_token"])).status_code == 200


def test_refresh_rotates(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    first = token_pair(client, "ada@example.com")
    response = refresh(client, first["refresh_token"])
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    second = response.get_json()
    assert second["refresh_token"] != first["refresh_token"]
    assert client.get("/p26/me", headers=bearer(second["access_token"])).status_code == 200
    assert refresh(client, second["refresh_token"]).status_code == 200


def test_reuse_revokes_the_whole_family(app: Flask, client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    first = token_pair(client, "ada@example.com")
    second = refresh(client, first["refresh_token"]).get_json()
    expect_token_problem(refresh(client, first["refresh_token"]), "token-revoked")
    # The newest refresh token of the family dies too.
    expect_token_problem(refresh(client, second["refresh_token"]), "token-revoked")
    with app.app_context():
        family = db.session.scalar(sa.select(RefreshTokenFamily))
        assert family is not None and family.revoked_reason == "reuse"


def test_other_families_survive_a_reuse(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    laptop = token_pair(client, "ada@example.com")
    phone = token_pair(client, "ada@example.com")
    refresh(client, laptop["refresh_token"])
    refresh(client, laptop["refresh_token"])  # reuse: the laptop family is revoked
    assert refresh(client, phone["refresh_token"]).status_code == 200


def test_an_access_token_is_not_a_refresh_token(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    token = access_token(client, "ada@example.com")
    body = expect_token_problem(refresh(client, token), "token-invalid")
    assert body["status"] == 401


@pytest.mark.parametrize("value", ["garbage", "a.b.c", "x" * 4096])
def test_garbage_refresh_tokens_are_token_invalid(client: FlaskClient, value: str) -> None:
    expect_token_problem(refresh(client, value), "token-invalid")


@pytest.mark.parametrize("body", [{}, {"refresh_token": ""}, {"refresh_token": 5}])
def test_bad_bodies_are_422(client: FlaskClient, body: dict) -> None:
    problem(client.post("/p28/refresh", json=body), 422, "validation-error")


def test_reuse_is_detected_by_another_instance_on_the_same_database(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    """Two app objects stand for two workers (or a restart): the state is in the database."""
    signup(client, "ada@example.com")
    first = token_pair(client, "ada@example.com")
    second = refresh(client, first["refresh_token"]).get_json()
    other = create_app(TestingConfig()).test_client()  # same DATABASE_URL, same JWT key
    expect_token_problem(refresh(other, first["refresh_token"]), "token-revoked")
    expect_token_problem(refresh(client, second["refresh_token"]), "token-revoked")


def test_expired_refresh_token_is_token_expired(app: Flask, client: FlaskClient) -> None:
    app.config["JWT_REFRESH_TOKEN_EXPIRES"] = -5
    signup(client, "ada@example.com")
    pair = token_pair(client, "ada@example.com")
    expect_token_problem(refresh(client, pair["refresh_token"]), "token-expired")


def test_migrations_give_the_families_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'm.sqlite3'}")
    app = create_app(TestingConfig())
    with app.app_context():
        flask_migrate.upgrade()
        assert sa.inspect(db.engine).has_table("refresh_token_families")
