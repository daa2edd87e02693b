"""p36: MISS then HIT, single flight on both backends, and what Redis down does (BYPASS)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import redis
from flask import Flask

from flask_track import create_app
from flask_track.config import TestingConfig
from tests.redis_server import RedisServer


def outcomes(app: Flask, n: int, count: int) -> list[tuple[int, int, str]]:
    """`count` concurrent GET /p36/square/n: (status, square, X-Cache) of each."""

    def one(_: int) -> tuple[int, int, str]:
        response = app.test_client().get(f"/p36/square/{n}")
        return response.status_code, response.json["square"], response.headers["X-Cache"]

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_simple_backend_miss_then_hit(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/p36/cache").json == {"backend": "simple"}
    first = client.get("/p36/square/12")
    assert (first.status_code, first.json, first.headers["X-Cache"]) == (
        200,
        {"n": 12, "square": 144},
        "MISS",
    )
    assert client.get("/p36/square/12").headers["X-Cache"] == "HIT"


def test_simple_backend_single_flight(app: Flask) -> None:
    results = outcomes(app, 77, 12)
    assert {(status, square) for status, square, _ in results} == {(200, 77 * 77)}
    assert sorted(outcome for *_, outcome in results) == ["HIT"] * 11 + ["MISS"]


def test_redis_backend_is_shared_by_two_apps_and_expires_in_60s(
    redis_app: Flask,
    redis_server: RedisServer,
) -> None:
    client = redis_app.test_client()
    assert client.get("/p36/cache").json == {"backend": "redis"}
    assert client.get("/p36/square/5").headers["X-Cache"] == "MISS"
    store = redis.Redis.from_url(redis_server.url)
    ttl = store.ttl("flask_track:cache:p36:square:5")
    assert 0 < ttl <= 60
    other_worker = create_app(TestingConfig()).test_client()
    assert other_worker.get("/p36/square/5").headers["X-Cache"] == "HIT"


def test_redis_backend_single_flight_across_two_apps(redis_app: Flask) -> None:
    other = create_app(TestingConfig())
    with ThreadPoolExecutor(2) as pool:
        both = list(pool.map(lambda app: outcomes(app, 91, 8), [redis_app, other]))
    results = both[0] + both[1]
    assert {(status, square) for status, square, _ in results} == {(200, 91 * 91)}
    assert [outcome for *_, outcome in results].count("MISS") == 1


def test_redis_down_serves_uncached_fast_and_recovers(
    redis_app: Flask,
    redis_server: RedisServer,
) -> None:
    client = redis_app.test_client()
    redis_server.stop()
    started = time.monotonic()
    response = client.get("/p36/square/9")
    assert response.status_code == 200 and response.json["square"] == 81
    assert response.headers["X-Cache"] == "BYPASS"
    assert time.monotonic() - started < 5  # refused at once; a black hole costs <= 2 s timeouts
    redis_server.start()
    assert client.get("/p36/square/9").headers["X-Cache"] == "MISS"
    assert client.get("/p36/square/9").headers["X-Cache"] == "HIT"
