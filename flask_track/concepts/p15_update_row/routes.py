"""PUT and PATCH /p15/notes/{id}: raw SQL updates that cannot lose a concurrent write."""

from __future__ import annotations

from typing import Any

from flask import request
from sqlalchemy import text

from flask_track.concepts.p15_update_row.schemas import NotePatchIn, NoteReplaceIn
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.etags import etag_for, note_for_write
from flask_track.shared.note_schemas import NoteOut
from flask_track.shared.notes import (
    ETAG_HEADER,
    IF_MATCH,
    MAX_ATTEMPTS,
    Note,
    database_errors,
    next_timestamp,
    note_from_row,
    to_db_time,
)

blp = Blueprint("p15", __name__)

# Compare-and-set: the UPDATE only applies if updated_at is still the value we read. Two
# writers that read the same version race on this WHERE clause inside the database (row
# lock on PostgreSQL, the single writer lock on SQLite): exactly one wins, the other
# updates 0 rows and goes round again, seeing the winner's version.
UPDATE_NOTE = text(
    "UPDATE notes SET title = :title, body = :body, updated_at = :now"
    " WHERE id = :id AND updated_at = :seen"
    " RETURNING id, title, body, created_at, updated_at"
)


def update_note(note_id: int, changes: dict[str, Any], if_match: str | None) -> Note:
    """Apply `changes` to the note if If-Match allows it; return the stored result."""
    for _ in range(MAX_ATTEMPTS):
        current = note_for_write(note_id, if_match)
        values = {"title": current.title, "body": current.body, **changes}
        with database_errors():
            row = (
                db.session.execute(
                    UPDATE_NOTE,
                    {
                        **values,
                        "now": to_db_time(next_timestamp(current.updated_at)),
                        "id": note_id,
                        "seen": current.version,
                    },
                )
                .mappings()
                .one_or_none()
            )
            db.session.commit()
        if row is not None:
            return note_from_row(row)
        # Someone else wrote (or deleted) between our read and our UPDATE: read again. With a
        # specific If-Match tag the next round answers 412 (or 404), as it must.
    raise ProblemError(
        409, "conflict", f"Note {note_id} kept changing while this update was applied; retry."
    )


def _updated(note_id: int, changes: dict[str, Any]) -> tuple[Note, int, dict[str, str]]:
    note = update_note(note_id, changes, request.headers.get("If-Match"))
    return note, 200, {"ETag": etag_for(note)}


@blp.route("/notes/<id:note_id>", methods=["PUT"])
@blp.doc(parameters=[IF_MATCH])
@blp.arguments(NoteReplaceIn)
@blp.response(200, NoteOut, headers=ETAG_HEADER)
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(412, response="PRECONDITION_FAILED")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def replace_note(data: dict[str, Any], note_id: int) -> tuple[Note, int, dict[str, str]]:
    """Replace a note's title and body (412 if If-Match names an old version)."""
    return _updated(note_id, data)


@blp.route("/notes/<id:note_id>", methods=["PATCH"])
@blp.doc(parameters=[IF_MATCH])
@blp.arguments(NotePatchIn)
@blp.response(200, NoteOut, headers=ETAG_HEADER)
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(412, response="PRECONDITION_FAILED")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def patch_note(data: dict[str, Any], note_id: int) -> tuple[Note, int, dict[str, str]]:
    """Change some of a note's fields (412 if If-Match names an old version)."""
    return _updated(note_id, data)
