"""p43: what each APP_ENV changes, and the backends the running app reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track import config as cfg  # the module: pytest would collect a Test* class
from flask_track import create_app

STRONG = {
    "SECRET_KEY": "s" * 40,
    "JWT_SECRET_KEY": "j" * 48,
    "ADMIN_PASSWORD": "a-real-admin-password",
}
KEYS = {"env", "debug", "testing", "database_dialect", "cache_backend", "rate_limit_storage"}


def test_the_testing_app_on_sqlite_without_redis(client: FlaskClient):
    response = client.get("/p43/config")
    assert response.status_code == 200
    assert response.get_json() == {
        "env": "testing",
        "debug": False,
        "testing": True,
        "database_dialect": "sqlite",
        "cache_backend": "simple",
        "rate_limit_storage": "memory",
    }


def test_with_redis_the_cache_and_counters_are_redis(redis_app: Flask):
    body = redis_app.test_client().get("/p43/config").get_json()
    assert (body["cache_backend"], body["rate_limit_storage"]) == ("redis", "redis")


@pytest.mark.parametrize(
    ("cls", "env", "testing"),
    [
        (cfg.DevelopmentConfig, "development", False),
        (cfg.TestingConfig, "testing", True),
        (cfg.ProductionConfig, "production", False),
    ],
)
def test_env_names_the_config_class_in_effect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cls, env, testing
):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    for name, value in STRONG.items():
        monkeypatch.setenv(name, value)
    body = create_app(cls()).test_client().get("/p43/config").get_json()
    assert set(body) == KEYS
    assert (body["env"], body["debug"], body["testing"]) == (env, False, testing)


def test_no_setting_value_is_in_the_answer(client: FlaskClient, app: Flask):
    text = client.get("/p43/config").get_data(as_text=True)
    for name in ("SECRET_KEY", "JWT_SECRET_KEY", "ADMIN_PASSWORD", "DATABASE_URL"):
        assert str(app.config[name]) not in text


def test_post_is_405(client: FlaskClient):
    response = client.post("/p43/config")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
