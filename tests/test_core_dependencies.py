"""A dead database or Redis is a 503 that names it: /ready and every route (core/dependencies)."""

from __future__ import annotations

import sys
from pathlib import Path

import flask_migrate
import pytest
from flask import Flask

from flask_track import create_app
from flask_track.config import TestingConfig
from flask_track.core.dependencies import LazyModule

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
DEAD_PG = "postgresql://app_user:hunter2@127.0.0.1:1/shop_db"


def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> Flask:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'deps.sqlite3'}")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = create_app(TestingConfig())
    if "DATABASE_URL" not in env:
        with app.app_context():
            flask_migrate.upgrade()
    return app


def test_ready_names_redis_when_it_is_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """REDIS_URL set and Redis down → /ready 503 with checks.redis.ok false, detail names it."""
    client = make(tmp_path, monkeypatch, REDIS_URL=DEAD_REDIS).test_client()
    response = client.get("/ready")
    assert response.status_code == 503
    body = response.get_json()
    assert body["type"] == "/problems/dependency-unavailable"
    assert body["checks"]["redis"] == {"ok": False}
    # The job queue lives in the same Redis (RedisHuey): it is down with it.
    assert body["checks"]["queue"] == {"ok": False}
    assert body["checks"]["database"]["ok"] is True
    assert "redis" in body["detail"]


def test_ready_without_redis_url_checks_the_database_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No REDIS_URL (memory fallbacks) → Redis is not a dependency of readiness (the queue,
    then SQLite-backed, still is)."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    response = make(tmp_path, monkeypatch).test_client().get("/ready")
    assert response.status_code == 200
    assert set(response.get_json()["checks"]) == {"database", "queue"}


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("GET", "/p17/books", None),
        ("POST", "/p22/signup", {"email": "a@example.com", "password": "a long password 1"}),
    ],
)
def test_routes_without_their_own_handling_answer_503_not_500(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, path: str, payload: object
) -> None:
    """A route that does not catch a dead database still answers 503, without a leak."""
    client = make(tmp_path, monkeypatch, DATABASE_URL=DEAD_PG).test_client()
    response = client.open(path, method=method, json=payload)
    assert response.status_code == 503
    assert response.get_json()["type"] == "/problems/dependency-unavailable"
    assert "hunter2" not in response.get_data(as_text=True)
    assert response.headers["Retry-After"]


def test_a_lazy_module_is_imported_on_first_attribute_access(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lazy_probe_module.py").write_text("VALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lazy_probe_module", raising=False)
    lazy = LazyModule("lazy_probe_module")
    assert "lazy_probe_module" not in sys.modules, "named, not imported"
    assert "not imported yet" in repr(lazy)
    assert lazy.VALUE == 42
    assert "lazy_probe_module" in sys.modules
    assert repr(lazy) == "<LazyModule lazy_probe_module (imported)>"


def test_a_lazy_module_that_does_not_exist_fails_when_used_not_when_named() -> None:
    lazy = LazyModule("flask_track.core._no_such_module")
    with pytest.raises(ModuleNotFoundError):
        lazy.anything  # noqa: B018 - the attribute access is the test
