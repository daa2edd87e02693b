"""p29: logout and logout-all revoke tokens for every worker, in the database or Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track import create_app
from flask_track.config import TestingConfig
from flask_track.extensions import redis_client
from tests.test_auth_support import (
    access_token,
    bearer,
    expect_token_problem,
    problem,
    signup,
    token_pair,
)


@pytest.fixture
def pair(client: FlaskClient) -> dict:
    signup(client, "ada@example.com")
    return token_pair(client, "ada@example.com")


def test_logout_revokes_the_access_token(client: FlaskClient, pair: dict) -> None:
    headers = bearer(pair["access_token"])
    assert client.post("/p29/logout", headers=headers).status_code == 204
    expect_token_problem(client.get("/p26/me", headers=headers), "token-revoked")
    expect_token_problem(client.post("/p29/logout", headers=headers), "token-revoked")


def test_logout_with_the_refresh_token_revokes_its_family(client: FlaskClient, pair: dict) -> None:
    headers = bearer(pair["access_token"])
    body = {"refresh_token": pair["refresh_token"]}
    assert client.post("/p29/logout", headers=headers, json=body).status_code == 204
    refreshed = client.post("/p28/refresh", json=body)
    expect_token_problem(refreshed, "token-revoked")


def test_other_sessions_survive_a_logout(client: FlaskClient, pair: dict) -> None:
    other = access_token(client, "ada@example.com")
    client.post("/p29/logout", headers=bearer(pair["access_token"]))
    assert client.get("/p26/me", headers=bearer(other)).status_code == 200


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        pytest.param({}, 204, id="no-body"),
        pytest.param({"json": {}}, 204, id="empty-object"),
        pytest.param({"data": "", "content_type": "application/json"}, 400, id="empty-json"),
        pytest.param({"data": "x", "content_type": "text/plain"}, 415, id="text-body"),
        pytest.param({"json": {"refresh_token": 5}}, 422, id="typed"),
        pytest.param({"json": {"everything": True}}, 422, id="unknown-field"),
    ],
)
def test_the_body_is_optional_but_strict(
    client: FlaskClient, pair: dict, kwargs: dict, status: int
) -> None:
    response = client.post("/p29/logout", headers=bearer(pair["access_token"]), **kwargs)
    assert response.status_code == status


def test_a_bad_refresh_token_in_the_body_is_token_invalid(client: FlaskClient, pair: dict) -> None:
    headers = bearer(pair["access_token"])
    for value in ("garbage", pair["access_token"]):
        response = client.post("/p29/logout", headers=headers, json={"refresh_token": value})
        expect_token_problem(response, "token-invalid")


def test_another_users_refresh_token_is_refused(client: FlaskClient, pair: dict) -> None:
    signup(client, "bob@example.com")
    bobs = token_pair(client, "bob@example.com")
    response = client.post(
        "/p29/logout",
        headers=bearer(pair["access_token"]),
        json={"refresh_token": bobs["refresh_token"]},
    )
    expect_token_problem(response, "token-invalid")
    assert (
        client.post("/p28/refresh", json={"refresh_token": bobs["refresh_token"]}).status_code
        == 200
    )


def test_logout_all_revokes_every_token_of_the_user(client: FlaskClient, pair: dict) -> None:
    other = token_pair(client, "ada@example.com")
    signup(client, "bob@example.com")
    bob = access_token(client, "bob@example.com")
    assert client.post("/p29/logout-all", headers=bearer(pair["access_token"])).status_code == 204
    for token in (pair["access_token"], other["access_token"]):
        expect_token_problem(client.get("/p26/me", headers=bearer(token)), "token-revoked")
    for token in (pair["refresh_token"], other["refresh_token"]):
        refreshed = client.post("/p28/refresh", json={"refresh_token": token})
        expect_token_problem(refreshed, "token-revoked")
    assert client.get("/p26/me", headers=bearer(bob)).status_code == 200
    fresh = access_token(client, "ada@example.com")  # the same second: still works
    assert client.get("/p26/me", headers=bearer(fresh)).status_code == 200


def test_logout_needs_a_token(client: FlaskClient) -> None:
    expect_token_problem(client.post("/p29/logout"), "token-missing")
    expect_token_problem(client.post("/p29/logout-all"), "token-missing")


def test_a_logout_holds_for_another_instance(client: FlaskClient, pair: dict) -> None:
    client.post("/p29/logout", headers=bearer(pair["access_token"]))
    other = create_app(TestingConfig()).test_client()
    expect_token_problem(
        other.get("/p26/me", headers=bearer(pair["access_token"])), "token-revoked"
    )


# ---------------------------------------------------------------- Redis backend


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [server, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=5)


@pytest.fixture
def redis_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redis_url: str) -> Flask:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'redis.sqlite3'}")
    monkeypatch.setenv("REDIS_URL", redis_url)
    app = create_app(TestingConfig())
    with app.app_context():
        flask_migrate.upgrade()
    return app


def test_with_redis_the_blocklist_and_the_throttle_live_in_redis(
    redis_app: Flask, redis_url: str
) -> None:
    import redis

    client = redis_app.test_client()
    signup(client, "ada@example.com")
    pair = token_pair(client, "ada@example.com")
    assert client.post("/p29/logout", headers=bearer(pair["access_token"])).status_code == 204
    store = redis.Redis.from_url(redis_url)
    keys = [key.decode() for key in store.keys("flask_track:revoked:*")]
    assert len(keys) == 1 and 0 < store.ttl(keys[0]) <= 900
    # Another "worker" (app object) shares the blocklist and the failed-login counter.
    other = create_app(TestingConfig()).test_client()
    expect_token_problem(
        other.get("/p26/me", headers=bearer(pair["access_token"])), "token-revoked"
    )
    wrong = {"email": "ada@example.com", "password": "wrong password"}
    for attempt in range(5):
        target = client if attempt % 2 else other
        assert target.post("/p23/login", json=wrong).status_code == 401
    problem(client.post("/p23/login", json=wrong), 429, "rate-limited")


def test_with_redis_down_auth_fails_closed_with_503(
    redis_app: Flask, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = redis_app.test_client()
    signup(client, "ada@example.com")
    token = access_token(client, "ada@example.com")
    redis_app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    redis_client.init_app(redis_app)  # the handle reads REDIS_URL again
    problem(client.get("/p26/me", headers=bearer(token)), 503, "dependency-unavailable")
