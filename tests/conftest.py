"""White-box tests of flask_track with the Flask test client."""

from __future__ import annotations

import os
from pathlib import Path

import flask_migrate
import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track import create_app
from flask_track.config import TestingConfig

# The private redis-server fixtures (redis_server, redis_app) of the Level 4 cache/limit tests.
pytest_plugins = ["tests.redis_server"]


@pytest.fixture(autouse=True)
def _no_developer_env_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's ./.env never changes a unit test (the .env tests name their own file)."""
    monkeypatch.setenv("ENV_FILE", os.devnull)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """A testing app on a fresh, migrated SQLite file."""
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unit.sqlite3'}")
    application = create_app(TestingConfig())
    with application.app_context():
        flask_migrate.upgrade()
    return application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
