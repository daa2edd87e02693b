"""The database layer: URL resolution, SQLite's concurrency settings, readiness when the
database is gone (no leak), and the notes concepts (p12-p16) on a real PostgreSQL.

PostgreSQL: PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres), a fresh
database per test created and dropped with scripts/pg_fresh.py's own functions. When it does
not answer, the PostgreSQL tests are skipped with the reason, except under CI=true, where
they fail (CI must prove PostgreSQL, not silently skip it).
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy import text

from flask_track import config as app_config
from flask_track import create_app
from flask_track.core.database import resolve_database_url
from flask_track.extensions import db
from flask_track.shared.database import is_unavailable

REPO = Path(__file__).resolve().parent.parent
# A PostgreSQL nobody listens on (port 1), with a password that must never be shown.
UNREACHABLE_PG = "postgresql+psycopg://app_user:hunter2-secret@127.0.0.1:1/shop_db"


def load_pg_fresh() -> ModuleType:
    """scripts/pg_fresh.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("pg_fresh", REPO / "scripts" / "pg_fresh.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("pg_fresh", module)
    spec.loader.exec_module(module)
    return module


def require_postgres() -> str:
    """The admin URL if PostgreSQL answers; else skip (or fail under CI=true)."""
    pg_fresh = load_pg_fresh()
    reason = pg_fresh.check(pg_fresh.admin_url())
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true requires PostgreSQL: {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    return pg_fresh.admin_url()


def make_app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", database_url)
    return create_app(app_config.TestingConfig())


@pytest.fixture
def pg_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """An app on a fresh, migrated PostgreSQL database, dropped afterwards."""
    admin = require_postgres()
    pg_fresh = load_pg_fresh()
    name = pg_fresh.create_database(admin)
    try:
        app = make_app(
            pg_fresh.with_database(admin, name, "postgresql+psycopg"), tmp_path, monkeypatch
        )
        with app.app_context():
            flask_migrate.upgrade()
        yield app
        with app.app_context():
            db.engine.dispose()
    finally:
        pg_fresh.drop_database(admin, name)


# ------------------------------------------------------------------------ URL resolution


def test_unset_url_is_a_sqlite_file_in_the_instance_folder(tmp_path: Path) -> None:
    assert resolve_database_url(None, str(tmp_path)) == f"sqlite:///{tmp_path}/flask_track.sqlite3"


@pytest.mark.parametrize("scheme", ["postgres://", "postgresql://"])
def test_plain_postgres_urls_use_psycopg_3(scheme: str) -> None:
    assert resolve_database_url(f"{scheme}u@h/db", "/x") == "postgresql+psycopg://u@h/db"


# ------------------------------------------------------------------------ SQLite settings


def test_sqlite_connections_use_wal_and_a_busy_timeout(app: Flask) -> None:
    """WAL and busy_timeout are what keep concurrent writers from "database is locked"."""
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_sqlite_concurrent_inserts_from_threads_all_land(app: Flask) -> None:
    """16 threads x 25 inserts through the test client: 400 x 201, 400 rows."""
    client = app.test_client()
    assert client.post("/p12/setup").status_code == 200

    def insert(thread: int) -> list[int]:
        own = app.test_client()
        return [
            own.post("/p13/notes", json={"title": f"t{thread}-{n}"}).status_code for n in range(25)
        ]

    with ThreadPoolExecutor(16) as pool:
        statuses = [status for batch in pool.map(insert, range(16)) for status in batch]
    assert statuses == [201] * 400
    with app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 400


# ------------------------------------------------------------------------ unreachable database


@pytest.fixture
def unreachable_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    return make_app(UNREACHABLE_PG, tmp_path, monkeypatch)


def assert_no_leak(raw: str) -> None:
    for secret in ("hunter2", "app_user", "shop_db", "127.0.0.1:1", "psycopg", "Traceback"):
        assert secret not in raw, f"{secret!r} leaked: {raw}"


def test_ready_is_503_problem_when_postgres_is_unreachable(unreachable_app: Flask) -> None:
    response = unreachable_app.test_client().get("/ready")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == "/problems/dependency-unavailable"
    assert body["status"] == 503
    assert response.headers["Retry-After"]
    assert_no_leak(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("GET", "/p11/db", None),
        ("POST", "/p12/setup", None),
        ("GET", "/p12/schema", None),
        ("POST", "/p13/notes", {"title": "t"}),
        ("GET", "/p14/notes", None),
        ("GET", "/p14/notes/1", None),
        ("PATCH", "/p15/notes/1", {"title": "t"}),
        ("DELETE", "/p16/notes/1", None),
    ],
)
def test_notes_routes_are_503_without_a_leak_when_postgres_is_unreachable(
    unreachable_app: Flask, method: str, path: str, payload: dict[str, str] | None
) -> None:
    response = unreachable_app.test_client().open(path, method=method, json=payload)
    assert response.status_code == 503
    assert response.get_json()["type"] == "/problems/dependency-unavailable"
    assert_no_leak(response.get_data(as_text=True))


def test_the_log_names_the_failure_without_the_password(
    unreachable_app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    unreachable_app.test_client().get("/p11/db")
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "database unavailable" in logged
    assert "hunter2" not in logged


# ------------------------------------------------------------------------ PostgreSQL


def test_postgres_notes_round_trip(pg_app: Flask) -> None:
    """p11-p16 on PostgreSQL: the same answers as on SQLite, timestamps in UTC."""
    client = pg_app.test_client()
    info = client.get("/p11/db").get_json()
    assert info["dialect"] == "postgresql" and info["connected"] is True
    assert client.post("/p13/notes", json={"title": "t"}).status_code == 409  # before setup
    assert client.post("/p12/setup").get_json()["created"] is True
    assert client.post("/p12/setup").get_json()["created"] is False
    columns = {c["name"]: c for c in client.get("/p12/schema").get_json()["columns"]}
    assert columns["id"]["type"] == "bigint" and columns["id"]["primary_key"] is True
    assert columns["created_at"]["type"] == "timestamp with time zone"
    created = client.post("/p13/notes", json={"title": "'); DROP TABLE notes;--", "body": "é"})
    assert created.status_code == 201
    note = created.get_json()
    assert note["created_at"].endswith("+00:00")
    read = client.get(created.headers["Location"])
    assert read.get_json() == note
    patched = client.patch(
        f"/p15/notes/{note['id']}", json={"body": "new"}, headers={"If-Match": read.headers["ETag"]}
    )
    assert patched.status_code == 200
    assert patched.get_json()["updated_at"] > note["updated_at"]
    stale = client.put(
        f"/p15/notes/{note['id']}",
        json={"title": "x", "body": "y"},
        headers={"If-Match": read.headers["ETag"]},
    )
    assert stale.status_code == 412
    assert client.delete(f"/p16/notes/{note['id']}").status_code == 204
    assert client.delete(f"/p16/notes/{note['id']}").status_code == 404


def test_postgres_session_time_zone_does_not_change_the_answer(pg_app: Flask) -> None:
    """psycopg answers timestamps in the session's TimeZone; the API still says UTC."""
    client = pg_app.test_client()
    client.post("/p12/setup")
    note = client.post("/p13/notes", json={"title": "tz"}).get_json()
    with pg_app.app_context():
        name = db.engine.url.database
        # The database name is ours (pg_fresh's random hex), not input.
        db.session.execute(text(f"ALTER DATABASE {name} SET timezone TO 'Asia/Kolkata'"))
        db.session.commit()
        db.engine.dispose()  # new connections pick up the database's new default
        assert db.session.execute(text("SHOW timezone")).scalar_one() == "Asia/Kolkata"
        db.session.commit()
    again = client.get(f"/p14/notes/{note['id']}").get_json()
    assert again == note
    assert again["created_at"].endswith("+00:00")


def test_postgres_concurrent_setup_creates_once(pg_app: Flask) -> None:
    """CREATE TABLE IF NOT EXISTS races on PostgreSQL; the advisory lock makes it exact."""

    def setup(_: int) -> tuple[int, bool]:
        response = pg_app.test_client().post("/p12/setup")
        return response.status_code, response.get_json().get("created")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(setup, range(8)))
    assert [status for status, _ in results] == [200] * 8
    assert sum(created for _, created in results) == 1


def test_postgres_nul_is_refused_before_the_database_sees_it(pg_app: Flask) -> None:
    """PostgreSQL text cannot hold NUL: validation answers 422, never a driver error."""
    client = pg_app.test_client()
    client.post("/p12/setup")
    response = client.post("/p13/notes", json={"title": "a\u0000b"})
    assert response.status_code == 422
    assert "title" in json.loads(response.get_data(as_text=True))["errors"]


# ------------------------------------------------------------------------ error classification


def sqlite_error(message: str, code: int) -> sqlalchemy_exc.OperationalError:
    original = sqlite3.OperationalError(message)
    original.sqlite_errorcode = code  # type: ignore[attr-defined]  # set by C code normally
    return sqlalchemy_exc.OperationalError("SELECT 1", {}, original)


@pytest.mark.parametrize(
    ("message", "code", "expected"),
    [
        ("database is locked", 5, True),
        ("database table is locked", 6, True),
        ("database is locked", 517, True),  # SQLITE_BUSY_SNAPSHOT: primary code 5
        ("unable to open database file", 14, True),
        ("disk I/O error", 10, True),
        ("no such column: nope", 1, False),  # SQLITE_ERROR: a bug, not an outage
        ('near "SELEC": syntax error', 1, False),
    ],
)
def test_sqlite_errors_are_classified_by_their_code(
    message: str, code: int, expected: bool
) -> None:
    assert is_unavailable(sqlite_error(message, code)) is expected


def test_programming_errors_are_never_unavailable() -> None:
    error = sqlalchemy_exc.ProgrammingError("SELECT", {}, Exception("syntax"))
    assert is_unavailable(error) is False


def test_only_a_request_that_used_the_database_has_a_session_to_remove(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The teardown skips only sessions that were never opened (extensions.TrackSQLAlchemy)."""
    from flask_track.extensions import db

    removed: list[str] = []
    real_remove = db.session.remove

    def counting_remove() -> None:
        removed.append(request_path[-1])
        real_remove()

    monkeypatch.setattr(db.session, "remove", counting_remove)
    request_path: list[str] = []

    @app.get("/unit-uses-db")
    def uses_db() -> str:
        request_path.append("/unit-uses-db")
        db.session.execute(text("SELECT 1"))
        return "ok"

    @app.get("/unit-no-db")
    def no_db() -> str:
        request_path.append("/unit-no-db")
        return "ok"

    client = app.test_client()
    request_path.append("/health")
    client.get("/health")  # the first request of the app checks the admin account (a query)
    removed.clear()
    assert client.get("/unit-no-db").status_code == 200
    assert client.get("/unit-uses-db").status_code == 200
    assert removed == ["/unit-uses-db"]
