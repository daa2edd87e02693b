"""p13: POST /p13/notes, one parameterized INSERT."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, text

from flask_track.extensions import db

INJECTION = "'); DROP TABLE notes;--"


@pytest.fixture
def notes(client: FlaskClient) -> FlaskClient:
    """A client whose database has the notes table."""
    assert client.post("/p12/setup").status_code == 200
    return client


@pytest.fixture
def statements(app: Flask) -> Iterator[list[tuple[str, Any]]]:
    """Every (SQL text, parameters) the app sends to the database during the test."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_insert_answers_201_with_location_and_the_stored_row(notes: FlaskClient) -> None:
    response = notes.post("/p13/notes", json={"title": "Buy milk", "body": "2 l"})
    assert response.status_code == 201
    note = response.get_json()
    assert response.headers["Location"] == f"/p14/notes/{note['id']}"
    assert note["title"] == "Buy milk" and note["body"] == "2 l"
    assert note["created_at"] == note["updated_at"]
    assert note["created_at"].endswith("+00:00") and len(note["created_at"]) == 32


def test_values_travel_as_bound_parameters_never_inside_the_sql(
    notes: FlaskClient, statements: list[tuple[str, Any]]
) -> None:
    """The proof of "parameterized": the title is in the parameters, not in the SQL text."""
    notes.post("/p13/notes", json={"title": INJECTION, "body": "b"})
    inserts = [(sql, params) for sql, params in statements if sql.startswith("INSERT INTO notes")]
    assert len(inserts) == 1
    sql, params = inserts[0]
    assert INJECTION not in sql and "DROP" not in sql
    assert INJECTION in params


def test_sql_looking_text_is_stored_literally_and_the_table_survives(
    app: Flask, notes: FlaskClient
) -> None:
    created = notes.post("/p13/notes", json={"title": INJECTION, "body": "x' OR '1'='1"})
    assert created.get_json()["title"] == INJECTION
    with app.app_context():
        row = db.session.execute(text("SELECT title, body FROM notes")).one()
    assert tuple(row) == (INJECTION, "x' OR '1'='1")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "a\u0000b"}, "title"),
        ({"title": "t", "body": "\u0000"}, "body"),
        ({"title": "\ud800"}, "title"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "t", "body": "x" * 10_001}, "body"),
        ({"title": 1}, "title"),
        ({"title": "t", "body": None}, "body"),
        ({"title": "t", "id": 7}, "id"),
        ({}, "title"),
    ],
)
def test_invalid_input_is_422_and_nothing_is_written(
    app: Flask, notes: FlaskClient, payload: dict[str, Any], field: str
) -> None:
    response = notes.post("/p13/notes", json=payload)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    with app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 0


def test_a_raw_surrogate_escape_in_the_json_text_is_422(notes: FlaskClient) -> None:
    response = notes.post(
        "/p13/notes", data=b'{"title": "\\udfff"}', content_type="application/json"
    )
    assert response.status_code == 422


def test_emoji_surrogate_pairs_are_fine(notes: FlaskClient) -> None:
    """A *paired* surrogate escape is one character (🎉), not a lone surrogate."""
    response = notes.post(
        "/p13/notes", data=b'{"title": "\\ud83c\\udf89"}', content_type="application/json"
    )
    assert response.status_code == 201
    assert response.get_json()["title"] == "🎉"


def test_before_setup_the_insert_is_409_not_500(client: FlaskClient) -> None:
    response = client.post("/p13/notes", json={"title": "too early"})
    assert response.status_code == 409
    body = response.get_json()
    assert body["type"] == "/problems/conflict"
    assert "POST /p12/setup" in body["detail"]


def test_other_database_errors_stay_500_without_a_leak(
    app: Flask, notes: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken statement is a bug: 500 internal-error, the SQL never in the body."""
    import flask_track.concepts.p13_insert_row.routes as routes

    monkeypatch.setattr(routes, "INSERT_NOTE", text("INSERT INTO notes (nope) VALUES (:title)"))
    response = notes.post("/p13/notes", json={"title": "t"})
    assert response.status_code == 500
    raw = response.get_data(as_text=True)
    assert "nope" not in raw and "INSERT" not in raw
