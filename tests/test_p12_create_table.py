"""p12: the hand-written DDL, POST /p12/setup and GET /p12/schema."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p12_create_table.table import SQL_DIR, load_ddl
from flask_track.extensions import db


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_each_dialect_has_one_idempotent_create_table(dialect: str) -> None:
    statements = load_ddl(dialect)
    assert len(statements) == 1
    assert statements[0].startswith("CREATE TABLE IF NOT EXISTS notes (")
    assert "--" not in statements[0]  # comments stay in the file, not in what runs
    for column in ("id", "title", "body", "created_at", "updated_at"):
        assert f"\n    {column} " in statements[0]


def test_ddl_files_are_shipped_next_to_the_code() -> None:
    assert sorted(p.name for p in SQL_DIR.glob("*.sql")) == [
        "notes.postgresql.sql",
        "notes.sqlite.sql",
    ]


def test_the_table_does_not_exist_before_setup(app: Flask) -> None:
    """The explicit step is the lesson: neither start-up nor migrations create `notes`."""
    with app.app_context():
        assert "notes" not in inspect(db.engine).get_table_names()


def test_setup_is_idempotent_and_says_who_created(client: FlaskClient) -> None:
    first = client.post("/p12/setup")
    second = client.post("/p12/setup")
    assert first.status_code == second.status_code == 200
    assert first.get_json()["created"] is True
    assert second.get_json()["created"] is False
    assert first.get_json()["statements"] == load_ddl("sqlite")
    assert first.get_json()["dialect"] == "sqlite"


def test_concurrent_setups_create_exactly_once(app: Flask) -> None:
    def setup(_: int) -> tuple[int, bool]:
        response = app.test_client().post("/p12/setup")
        return response.status_code, response.get_json()["created"]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(setup, range(8)))
    assert [status for status, _ in results] == [200] * 8
    assert sum(created for _, created in results) == 1


def test_schema_before_setup_is_409_with_the_way_out(client: FlaskClient) -> None:
    response = client.get("/p12/schema")
    assert response.status_code == 409
    body = response.get_json()
    assert body["type"] == "/problems/conflict"
    assert "POST /p12/setup" in body["detail"]


def test_schema_lists_the_columns_as_sqlite_reports_them(client: FlaskClient) -> None:
    client.post("/p12/setup")
    response = client.get("/p12/schema")
    assert response.status_code == 200
    columns = {column["name"]: column for column in response.get_json()["columns"]}
    assert list(columns) == ["id", "title", "body", "created_at", "updated_at"]
    assert columns["id"] == {
        "name": "id",
        "type": "INTEGER",
        "not_null": True,
        "primary_key": True,
        "default": None,
    }
    assert columns["title"]["type"] == "TEXT" and columns["title"]["not_null"] is True
    assert columns["body"]["default"] == "''"


def test_the_table_enforces_its_own_rules(app: Flask, client: FlaskClient) -> None:
    """The DDL's CHECK and STRICT hold even for SQL that bypasses the API's validation."""
    client.post("/p12/setup")
    with app.app_context():
        for bad in (
            "INSERT INTO notes (title) VALUES ('')",
            "INSERT INTO notes (title) VALUES (X'6869')",  # a BLOB: STRICT refuses it
        ):
            with pytest.raises(IntegrityError, match=r"CHECK constraint|cannot store"):
                db.session.execute(text(bad))
            db.session.rollback()


def test_setup_does_not_touch_existing_rows(client: FlaskClient) -> None:
    client.post("/p12/setup")
    client.post("/p13/notes", json={"title": "kept"})
    client.post("/p12/setup")
    assert client.get("/p14/notes").get_json()["count"] == 1


def test_get_setup_is_405(client: FlaskClient) -> None:
    assert client.get("/p12/setup").status_code == 405
