"""GET /p14/notes and GET /p14/notes/{id}: read rows back with raw SQL, each note with an ETag."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from sqlalchemy import text

from flask_track.concepts.p14_read_rows.schemas import NoteListOut, NoteListQuery
from flask_track.core.openapi import Blueprint
from flask_track.extensions import db
from flask_track.shared.etags import etag_for, if_none_match_hits
from flask_track.shared.note_schemas import NoteOut
from flask_track.shared.notes import (
    ETAG_HEADER,
    Note,
    database_errors,
    fetch_note,
    not_found,
    note_from_row,
)

blp = Blueprint("p14", __name__)

# Newest first by id: ids come from the database in insertion order, are unique (a total
# order, so pages never overlap or skip on ties) and are the primary key (already indexed).
# created_at would tie when two workers insert within the same microsecond.
SELECT_PAGE = text(
    "SELECT id, title, body, created_at, updated_at"
    " FROM notes ORDER BY id DESC LIMIT :limit OFFSET :offset"
)

IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "An ETag the client holds: 304 Not Modified when it is still current.",
}


@blp.route("/notes")
@blp.arguments(NoteListQuery, location="query", as_kwargs=True)
@blp.response(200, NoteListOut)
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def list_notes(limit: int, offset: int) -> dict[str, Any]:
    """List notes newest first, `limit` (1-100, default 20) at a time from `offset`."""
    with database_errors():
        rows = db.session.execute(SELECT_PAGE, {"limit": limit, "offset": offset}).mappings()
        notes = [note_from_row(row) for row in rows]
        db.session.commit()
    return {"items": notes, "count": len(notes), "limit": limit, "offset": offset}


@blp.route("/notes/<id:note_id>")
@blp.doc(parameters=[IF_NONE_MATCH])
@blp.response(200, NoteOut, headers=ETAG_HEADER)
@blp.alt_response(304, description="Not Modified: the If-None-Match tag is current.")
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def get_note(note_id: int) -> tuple[Note, int, dict[str, str]] | Response:
    """Read one note; its ETag header identifies this exact version."""
    note = fetch_note(note_id)
    if note is None:
        raise not_found(note_id)
    tag = etag_for(note)
    if if_none_match_hits(request.headers.get("If-None-Match"), tag):
        # The client's copy is current: no body, same validator (RFC 9110 §15.4.5).
        return current_app.response_class(status=304, headers={"ETag": tag})
    return note, 200, {"ETag": tag}
