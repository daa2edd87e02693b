"""POST /p13/notes: insert one row with a parameterized raw SQL statement."""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import text

from flask_track.concepts.p13_insert_row.schemas import NoteIn
from flask_track.core.openapi import Blueprint
from flask_track.extensions import db
from flask_track.shared.note_schemas import NoteOut
from flask_track.shared.notes import Note, database_errors, note_from_row, to_db_time, utc_now

blp = Blueprint("p13", __name__)

# The statement is a constant: the values travel separately, as bound parameters, so the
# database never parses them as SQL. `'); DROP TABLE notes;--` is stored as 25 characters of
# title, nothing more. RETURNING (SQLite >= 3.35, PostgreSQL) gives back the row the database
# actually stored (its id, its defaults) in the same round trip.
INSERT_NOTE = text(
    "INSERT INTO notes (title, body, created_at, updated_at)"
    " VALUES (:title, :body, :now, :now)"
    " RETURNING id, title, body, created_at, updated_at"
)


def insert_note(title: str, body: str) -> Note:
    """Insert a note and commit; return it as stored."""
    with database_errors():
        row = (
            db.session.execute(
                INSERT_NOTE, {"title": title, "body": body, "now": to_db_time(utc_now())}
            )
            .mappings()
            .one()
        )
        note = note_from_row(row)
        db.session.commit()
    return note


@blp.route("/notes", methods=["POST"])
@blp.arguments(NoteIn)
@blp.response(201, NoteOut, headers={"Location": {"schema": {"type": "string"}}})
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def create_note(data: dict[str, Any]) -> tuple[Note, int, dict[str, str]]:
    """Insert a note (409 until POST /p12/setup has created the table)."""
    note = insert_note(data["title"], data["body"])
    # The new note is read where p14 serves notes: that is its URL.
    return note, 201, {"Location": url_for("p14.get_note", note_id=note.id)}
