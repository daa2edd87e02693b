"""p15: PUT/PATCH /p15/notes/{id}, compare-and-set updates, If-Match and updated_at."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

import flask_track.concepts.p15_update_row.routes as routes
import flask_track.shared.etags as etags
import flask_track.shared.notes as table
from flask_track.extensions import db


@pytest.fixture
def note(client: FlaskClient) -> dict[str, Any]:
    """A note, created through p13, with the notes table set up."""
    assert client.post("/p12/setup").status_code == 200
    return client.post("/p13/notes", json={"title": "first", "body": "v1"}).get_json()


def etag(client: FlaskClient, note_id: int) -> str:
    return client.get(f"/p14/notes/{note_id}").headers["ETag"]


def test_put_replaces_and_returns_the_new_etag(client: FlaskClient, note: dict[str, Any]) -> None:
    response = client.put(f"/p15/notes/{note['id']}", json={"title": "T", "body": "B"})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["title"], body["body"], body["created_at"]) == ("T", "B", note["created_at"])
    assert body["updated_at"] > note["updated_at"]
    assert response.headers["ETag"] == etag(client, note["id"])


def test_patch_keeps_the_fields_not_sent(client: FlaskClient, note: dict[str, Any]) -> None:
    body = client.patch(f"/p15/notes/{note['id']}", json={"title": "T2"}).get_json()
    assert (body["title"], body["body"]) == ("T2", "v1")


def test_updated_at_is_strictly_later_even_if_the_clock_stands_still(
    client: FlaskClient, note: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen = datetime.fromisoformat(note["updated_at"])
    monkeypatch.setattr(table, "utc_now", lambda: frozen)
    stamps = [
        client.patch(f"/p15/notes/{note['id']}", json={"body": str(n)}).get_json()["updated_at"]
        for n in range(3)
    ]
    assert stamps == sorted(set(stamps)) and stamps[0] > note["updated_at"]


def test_updated_at_is_strictly_later_even_if_the_clock_goes_back(
    client: FlaskClient, note: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table, "utc_now", lambda: datetime(2000, 1, 1, tzinfo=UTC))
    body = client.patch(f"/p15/notes/{note['id']}", json={"body": "x"}).get_json()
    expected = datetime.fromisoformat(note["updated_at"]) + timedelta(microseconds=1)
    assert datetime.fromisoformat(body["updated_at"]) == expected


def test_stale_if_match_is_412_and_changes_nothing(
    app: Flask, client: FlaskClient, note: dict[str, Any]
) -> None:
    stale = etag(client, note["id"])
    client.patch(f"/p15/notes/{note['id']}", json={"body": "v2"})
    with app.app_context():
        before = db.session.execute(text("SELECT * FROM notes")).all()
    response = client.put(
        f"/p15/notes/{note['id']}",
        json={"title": "lost", "body": "lost"},
        headers={"If-Match": stale},
    )
    assert response.status_code == 412
    assert response.get_json()["type"] == "/problems/precondition-failed"
    with app.app_context():
        assert db.session.execute(text("SELECT * FROM notes")).all() == before


def test_matching_if_match_is_200(client: FlaskClient, note: dict[str, Any]) -> None:
    current = etag(client, note["id"])
    response = client.patch(
        f"/p15/notes/{note['id']}", json={"body": "ok"}, headers={"If-Match": current}
    )
    assert response.status_code == 200


def concurrent_writer(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """Make another writer change the note between our read and our UPDATE, `times` times."""
    calls: list[int] = []
    original = etags.fetch_note  # p15 reads the note through shared/etags.note_for_write

    def fetch_then_someone_writes(note_id: int) -> Any:
        current = original(note_id)
        if len(calls) < times:
            calls.append(note_id)
            db.session.execute(
                text("UPDATE notes SET body = 'theirs', updated_at = :now WHERE id = :id"),
                {"now": table.to_db_time(table.next_timestamp(current.updated_at)), "id": note_id},
            )
            db.session.commit()
        return current

    monkeypatch.setattr(etags, "fetch_note", fetch_then_someone_writes)
    return calls


def test_a_write_between_read_and_update_with_if_match_is_412(
    client: FlaskClient, note: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race If-Match exists for: our tag was current when checked, not when applied."""
    current = etag(client, note["id"])
    concurrent_writer(monkeypatch, times=1)
    response = client.patch(
        f"/p15/notes/{note['id']}", json={"title": "mine"}, headers={"If-Match": current}
    )
    assert response.status_code == 412
    assert client.get(f"/p14/notes/{note['id']}").get_json()["body"] == "theirs"


def test_without_if_match_a_lost_race_is_retried_on_the_fresh_row(
    client: FlaskClient, note: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = concurrent_writer(monkeypatch, times=2)
    body = client.patch(f"/p15/notes/{note['id']}", json={"title": "mine"}).get_json()
    assert len(calls) == 2
    # PATCH kept the other writer's body: it was applied to the row as it is now.
    assert (body["title"], body["body"]) == ("mine", "theirs")


def test_an_endless_race_gives_up_with_409(
    client: FlaskClient, note: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    concurrent_writer(monkeypatch, times=routes.MAX_ATTEMPTS)
    response = client.patch(f"/p15/notes/{note['id']}", json={"title": "mine"})
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("method", "payload", "field"),
    [
        ("PUT", {"title": "only"}, "body"),
        ("PUT", {"body": "only"}, "title"),
        ("PATCH", {}, "_body"),
        ("PATCH", {"title": None}, "title"),
        ("PATCH", {"body": "\u0000"}, "body"),
        ("PATCH", {"title": "t", "created_at": "x"}, "created_at"),
    ],
)
def test_invalid_updates_are_422(
    client: FlaskClient, note: dict[str, Any], method: str, payload: dict[str, Any], field: str
) -> None:
    response = client.open(f"/p15/notes/{note['id']}", method=method, json=payload)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


@pytest.mark.parametrize("if_match", [None, '"x"', "*"])
def test_missing_note_is_404_whatever_if_match_says(
    client: FlaskClient, note: dict[str, Any], if_match: str | None
) -> None:
    headers = {"If-Match": if_match} if if_match else {}
    response = client.patch("/p15/notes/999999", json={"title": "t"}, headers=headers)
    assert response.status_code == 404
