"""p11: GET /p11/db, and the redaction of connection URLs."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

from flask_track.concepts.p11_db_connection.connection import database_name, redact_url


def test_db_describes_the_sqlite_database(client: FlaskClient) -> None:
    response = client.get("/p11/db")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["dialect"] == "sqlite"
    assert body["driver"] == "pysqlite"
    assert body["connected"] is True
    assert body["database"] == "unit.sqlite3"  # the file name, not its directory
    assert body["server_version"].count(".") == 2
    assert body["latency_ms"] >= 0
    assert body["url"] == "sqlite:///…/unit.sqlite3"


@pytest.mark.parametrize(
    ("url", "shown", "secrets"),
    [
        (
            "postgresql+psycopg://app:s3cr3t@db.internal:5432/shop",
            "postgresql+psycopg://app:***@db.internal:5432/shop",
            ["s3cr3t"],
        ),
        (
            # A percent-encoded password: neither form may survive.
            "postgresql+psycopg://app:p%40ss%3Aword@db/shop",
            "postgresql+psycopg://app:***@db/shop",
            ["p%40ss", "p@ss", "word"],
        ),
        (
            # libpq also takes the password as a query option; SQLAlchemy alone would show it.
            "postgresql+psycopg://app@db/shop?sslmode=require&password=qu3ry-secret",
            "postgresql+psycopg://app@db/shop?password=***&sslmode=require",
            ["qu3ry-secret"],
        ),
        (
            "postgresql+psycopg://app:one@db/shop?PASSWORD=two",
            "postgresql+psycopg://app:***@db/shop?PASSWORD=***",
            ["one@", "two"],
        ),
        ("postgresql+psycopg://app@db/shop", "postgresql+psycopg://app@db/shop", []),
        ("sqlite:////srv/app/instance/data.sqlite3", "sqlite:///…/data.sqlite3", ["/srv"]),
        ("sqlite://", "sqlite://", []),
    ],
)
def test_redact_url_masks_passwords_and_paths(url: str, shown: str, secrets: list[str]) -> None:
    redacted = redact_url(url)
    assert redacted == shown
    for secret in secrets:
        assert secret not in redacted


def test_redact_url_accepts_a_sqlalchemy_url_object() -> None:
    assert redact_url(make_url("postgresql://u:pw@h/d")) == "postgresql://u:***@h/d"


def test_database_name_prefers_the_server_name_then_the_url() -> None:
    assert database_name(make_url("postgresql://h/from_url"), "from_server") == "from_server"
    assert database_name(make_url("postgresql://h/from_url"), None) == "from_url"
    assert database_name(make_url("sqlite:////a/b/c.db"), None) == "c.db"
    assert database_name(make_url("sqlite://"), None) == ":memory:"


# The URL carries ?password= on purpose (to see it masked); SQLite ignores it, and says so.
@pytest.mark.filterwarnings("ignore:Query string argument.*password:sqlalchemy.exc.SAWarning")
def test_db_with_a_password_in_the_url_does_not_show_it(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the URL the app was given carries a password; the answer does not."""
    from flask_track import create_app
    from flask_track.config import TestingConfig as Settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'pw.sqlite3'}?password=leak-me")
    app = create_app(Settings())
    raw = app.test_client().get("/p11/db").get_data(as_text=True)
    assert "leak-me" not in raw
    assert str(tmp_path) not in raw


def test_post_is_405(client: FlaskClient) -> None:
    response = client.post("/p11/db")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
