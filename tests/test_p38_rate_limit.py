"""p38: atomic counting under threads, workers sharing Redis, Redis down (503), proxy hops."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import flask_migrate
import pytest
from flask import Flask

from flask_track import create_app
from flask_track.config import TestingConfig
from tests.redis_server import RedisServer
from tests.test_auth_support import access_token, bearer, signup


def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> Flask:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p38.sqlite3'}")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = create_app(TestingConfig())
    with app.app_context():
        flask_migrate.upgrade()
    return app


@pytest.fixture
def redis_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redis_server: RedisServer) -> Flask:
    return make_app(tmp_path, monkeypatch, REDIS_URL=redis_server.url)


def statuses(app: Flask, count: int, headers: dict[str, str]) -> list[int]:
    def one(_: int) -> int:
        return app.test_client().get("/p38/limited", headers=headers).status_code

    with ThreadPoolExecutor(count) as pool:
        return sorted(pool.map(one, range(count)))


def test_memory_storage_20_concurrent_requests_exactly_5_pass(app: Flask) -> None:
    client = app.test_client()
    signup(client, "ada@example.com")
    headers = bearer(access_token(client, "ada@example.com"))
    assert statuses(app, 20, headers) == [200] * 5 + [429] * 15


def test_redis_storage_is_shared_by_two_workers_atomically(redis_app: Flask) -> None:
    client = redis_app.test_client()
    signup(client, "ada@example.com")
    headers = bearer(access_token(client, "ada@example.com"))
    other = create_app(TestingConfig())
    with ThreadPoolExecutor(2) as pool:
        both = list(pool.map(lambda app: statuses(app, 10, headers), [redis_app, other]))
    assert sorted(both[0] + both[1]) == [200] * 5 + [429] * 15


def test_redis_down_is_503_fast_then_recovers(
    redis_app: Flask,
    redis_server: RedisServer,
) -> None:
    client = redis_app.test_client()
    assert client.get("/p38/limited").status_code == 200
    redis_server.stop()
    started = time.monotonic()
    response = client.get("/p38/limited")
    assert response.status_code == 503
    assert response.json["type"] == "/problems/dependency-unavailable"
    assert time.monotonic() - started < 5
    redis_server.start()  # an empty Redis: a fresh quota
    response = client.get("/p38/limited")
    assert response.status_code == 200 and response.headers["RateLimit"] == '"p38";r=4;t=60'


def test_forwarded_for_is_ignored_without_trusted_hops(app: Flask) -> None:
    client = app.test_client()
    answers = [
        client.get("/p38/limited", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
        for i in range(6)
    ]
    assert answers == [200] * 5 + [429]


def test_forwarded_for_names_the_client_behind_one_trusted_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, monkeypatch, TRUSTED_PROXY_HOPS="1")
    client = app.test_client()
    answers = [
        client.get("/p38/limited", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
        for i in range(6)
    ]
    assert answers == [200] * 6  # six clients behind the proxy, one request each
    for _ in range(5):
        client.get("/p38/limited", headers={"X-Forwarded-For": "198.51.100.7"})
    blocked = client.get("/p38/limited", headers={"X-Forwarded-For": "198.51.100.7"})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
