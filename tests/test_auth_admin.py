"""The admin account from ADMIN_EMAIL/ADMIN_PASSWORD: created once, safely, never promoted."""

from __future__ import annotations

import threading
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask

from flask_track import create_app, serve
from flask_track.config import ConfigError, TestingConfig, config_for
from flask_track.extensions import db
from flask_track.shared.admin import admin_ensured_at_start, ensure_admin
from flask_track.shared.users import User
from tests.test_auth_support import ADMIN_EMAIL, PASSWORD, signup


def admins(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(User.email).where(User.role == "admin")))


def test_the_first_request_creates_the_admin(app: Flask) -> None:
    assert admins(app) == []
    app.test_client().get("/health")
    assert admins(app) == [ADMIN_EMAIL]


def test_ensure_admin_is_idempotent(app: Flask) -> None:
    with app.app_context():
        assert ensure_admin(app) == "created"
        assert ensure_admin(app) == "exists"
    assert admins(app) == [ADMIN_EMAIL]


def test_losing_the_insert_race_is_fine(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers start at once: both see no admin, one insert wins, the other moves on."""
    with app.app_context():
        ensure_admin(app)
        original = db.session.scalar
        monkeypatch.setattr(db.session, "scalar", lambda *_a, **_k: None)  # "no admin yet"
        assert ensure_admin(app) == "exists"
        monkeypatch.setattr(db.session, "scalar", original)
    assert admins(app) == [ADMIN_EMAIL]


def test_concurrent_first_requests_make_one_admin(app: Flask) -> None:
    threads = [threading.Thread(target=app.test_client().get, args=("/health",)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert admins(app) == [ADMIN_EMAIL]


def test_an_existing_account_with_the_admin_email_is_not_promoted(app: Flask) -> None:
    with app.app_context():
        db.session.add(User(email=ADMIN_EMAIL, password_hash="x", role="user"))
        db.session.commit()
        assert ensure_admin(app) == "exists"
    assert admins(app) == []


def test_without_tables_it_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    app = create_app(TestingConfig())
    with app.app_context():
        assert ensure_admin(app) == "skipped"
    assert app.test_client().get("/health").status_code == 200


def test_serve_migrates_and_creates_the_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite3'}")
    monkeypatch.setenv("ADMIN_EMAIL", "Boss@Example.com")
    monkeypatch.setenv("ADMIN_PASSWORD", PASSWORD)
    serve.migrate()
    app = create_app(TestingConfig())
    assert admins(app) == ["boss@example.com"]
    response = app.test_client().post(
        "/p24/token", json={"email": "boss@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200


def test_production_refuses_the_default_admin_password() -> None:
    env = {"APP_ENV": "production", "SECRET_KEY": "s" * 40, "JWT_SECRET_KEY": "j" * 64}
    with pytest.raises(ConfigError, match="ADMIN_PASSWORD"):
        config_for(env).validate()


def test_signup_cannot_take_over_the_admin(app: Flask) -> None:
    client = app.test_client()
    client.get("/health")
    response = client.post("/p22/signup", json={"email": ADMIN_EMAIL.upper(), "password": PASSWORD})
    assert response.status_code == 409
    with app.app_context():
        flask_migrate.upgrade()  # idempotent
    signup(client, "someone@example.com")
    assert admins(app) == [ADMIN_EMAIL]


def test_served_workers_skip_the_first_request_check_when_serve_ensured_the_admin() -> None:
    """serve's gunicorn command tells serving_app() the admin exists, unless --no-migrate."""
    assert serve.gunicorn_argv(serve.parse_args([]))[-1] == (
        "flask_track.serve:serving_app(admin_ensured=True)"
    )
    assert serve.gunicorn_argv(serve.parse_args(["--no-migrate"]))[-1] == (
        "flask_track.serve:serving_app(admin_ensured=False)"
    )


def test_admin_ensured_at_start_removes_the_first_request_hook(app: Flask) -> None:
    names = [hook.__name__ for hook in app.before_request_funcs[None]]
    assert "ensure_admin_once" in names
    admin_ensured_at_start(app)
    names = [hook.__name__ for hook in app.before_request_funcs[None]]
    assert "ensure_admin_once" not in names
    assert app.test_client().get("/health").status_code == 200
    assert admins(app) == []  # nothing made it: the hook that would have is gone
