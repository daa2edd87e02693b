"""core/login_throttle.py: the check and the count are one step, in memory and in Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from flask import Flask

from flask_track import create_app
from flask_track.config import TestingConfig
from flask_track.core import login_throttle
from flask_track.core.login_throttle import Limit, MemoryBackend, RedisBackend

LIMIT = Limit(5, 60)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A redis-server of this test's own, on a free port."""
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


def burst(backend: Any, key: str, n: int = 20) -> list[bool]:
    """`n` hits released at once from `n` threads; which ones were allowed."""
    start = threading.Barrier(n)

    def one(index: int) -> bool:
        start.wait()
        return backend.hit(key, LIMIT, f"m{index}")[0]

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(one, range(n)))


def test_memory_backend_allows_exactly_the_limit_under_a_burst() -> None:
    """20 concurrent hits on one key in one process: exactly 5 allowed."""
    assert burst(MemoryBackend(), "k").count(True) == 5


def test_memory_backend_peek_counts_nothing() -> None:
    """peek reports the window without adding to it; keys are independent."""
    backend = MemoryBackend()
    for n in range(3):
        backend.hit("a", LIMIT, f"m{n}")
    assert backend.peek("a", LIMIT)[0] == 3
    assert backend.peek("a", LIMIT)[0] == 3
    assert backend.peek("b", LIMIT)[0] == 0


def test_redis_backend_allows_exactly_the_limit_across_connections(redis_url: str) -> None:
    """20 concurrent hits through two clients (two "workers"): exactly 5 allowed in all."""
    import redis

    first = RedisBackend(redis.Redis.from_url(redis_url))
    second = RedisBackend(redis.Redis.from_url(redis_url))
    start = threading.Barrier(20)

    def one(index: int) -> bool:
        backend = first if index % 2 else second
        start.wait()
        return backend.hit("flask_track:hit:test:k", LIMIT, f"m{index}")[0]

    with ThreadPoolExecutor(max_workers=20) as pool:
        allowed = list(pool.map(one, range(20)))
    assert allowed.count(True) == 5
    count, reset_at, now = first.peek("flask_track:hit:test:k", LIMIT)
    assert count == 5 and 0 < reset_at - now <= 60


def test_retry_after_is_whole_seconds_until_the_oldest_hit_leaves() -> None:
    """Retry-After rounds up and is never 0."""
    hit = login_throttle.Hit(False, "k", "", 5, LIMIT, reset_at=100.2, now=90.0)
    assert hit.retry_after == 11
    assert login_throttle.Hit(False, "k", "", 5, LIMIT, 100.0, 100.0).retry_after == 1


@pytest.fixture
def dead_redis_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'dead.sqlite3'}")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens there
    app = create_app(TestingConfig())
    with app.app_context():
        flask_migrate.upgrade()
    return app


def test_login_fails_closed_with_503_when_the_storage_is_down(dead_redis_app: Flask) -> None:
    """Redis unreachable → 503 dependency-unavailable problem, never a 500 or a 401."""
    client = dead_redis_app.test_client()
    response = client.post("/p23/login", json={"email": "a@example.com", "password": "x"})
    assert response.status_code == 503
    assert response.get_json()["type"] == "/problems/dependency-unavailable"
