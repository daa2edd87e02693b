"""p16: DELETE /p16/notes/{id}: 204, then 404 everywhere; If-Match; ids never reused."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from flask_track.extensions import db


@pytest.fixture
def note(client: FlaskClient) -> dict[str, Any]:
    assert client.post("/p12/setup").status_code == 200
    return client.post("/p13/notes", json={"title": "doomed"}).get_json()


def test_delete_is_204_empty_then_404(client: FlaskClient, note: dict[str, Any]) -> None:
    first = client.delete(f"/p16/notes/{note['id']}")
    assert first.status_code == 204
    assert first.data == b"" and "Content-Type" not in first.headers
    second = client.delete(f"/p16/notes/{note['id']}")
    assert second.status_code == 404
    assert second.get_json()["type"] == "/problems/not-found"


def test_deleted_note_is_gone_from_p14_and_p15(client: FlaskClient, note: dict[str, Any]) -> None:
    client.delete(f"/p16/notes/{note['id']}")
    assert client.get(f"/p14/notes/{note['id']}").status_code == 404
    assert client.get("/p14/notes").get_json()["items"] == []
    assert client.patch(f"/p15/notes/{note['id']}", json={"title": "x"}).status_code == 404


def test_the_last_id_is_not_reused_after_a_delete(
    client: FlaskClient, note: dict[str, Any]
) -> None:
    """AUTOINCREMENT: without it SQLite would hand the deleted (highest) id out again."""
    client.delete(f"/p16/notes/{note['id']}")
    fresh = client.post("/p13/notes", json={"title": "next"}).get_json()
    assert fresh["id"] > note["id"]


def test_stale_if_match_is_412_and_the_row_stays(
    app: Flask, client: FlaskClient, note: dict[str, Any]
) -> None:
    stale = client.get(f"/p14/notes/{note['id']}").headers["ETag"]
    client.patch(f"/p15/notes/{note['id']}", json={"body": "edited"})
    response = client.delete(f"/p16/notes/{note['id']}", headers={"If-Match": stale})
    assert response.status_code == 412
    with app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 1


@pytest.mark.parametrize("use_star", [False, True])
def test_current_if_match_deletes(
    client: FlaskClient, note: dict[str, Any], use_star: bool
) -> None:
    current = "*" if use_star else client.get(f"/p14/notes/{note['id']}").headers["ETag"]
    assert (
        client.delete(f"/p16/notes/{note['id']}", headers={"If-Match": current}).status_code == 204
    )


def test_if_match_on_a_missing_note_is_404(client: FlaskClient, note: dict[str, Any]) -> None:
    assert client.delete("/p16/notes/424242", headers={"If-Match": '"x"'}).status_code == 404


def test_delete_before_setup_is_409(client: FlaskClient) -> None:
    assert client.delete("/p16/notes/1").status_code == 409


@pytest.mark.parametrize("raw", ["abc", "-1", str(2**63)])
def test_malformed_ids_are_404(client: FlaskClient, note: dict[str, Any], raw: str) -> None:
    assert client.delete(f"/p16/notes/{raw}").status_code == 404
