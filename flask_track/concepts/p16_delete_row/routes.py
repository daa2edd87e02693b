"""DELETE /p16/notes/{id}: remove one row with raw SQL; a second DELETE finds nothing (404)."""

from __future__ import annotations

from flask import Response, current_app, request
from sqlalchemy import text

from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.etags import note_for_write
from flask_track.shared.notes import (
    IF_MATCH,
    MAX_ATTEMPTS,
    database_errors,
    not_found,
)

blp = Blueprint("p16", __name__)

DELETE_NOTE = text("DELETE FROM notes WHERE id = :id RETURNING id")
# With If-Match: delete only the version the client saw (compare-and-set, as in p15).
DELETE_SEEN_NOTE = text("DELETE FROM notes WHERE id = :id AND updated_at = :seen RETURNING id")


def delete_note(note_id: int, if_match: str | None) -> None:
    """Delete the note, or raise 404 (no such note) / 412 (If-Match names an old version)."""
    if if_match is None:
        # One statement, no read first: RETURNING says whether a row was there to delete.
        with database_errors():
            deleted = db.session.execute(DELETE_NOTE, {"id": note_id}).first()
            db.session.commit()
        if deleted is None:
            raise not_found(note_id)
        return
    for _ in range(MAX_ATTEMPTS):
        current = note_for_write(note_id, if_match)
        with database_errors():
            deleted = db.session.execute(
                DELETE_SEEN_NOTE, {"id": note_id, "seen": current.version}
            ).first()
            db.session.commit()
        if deleted is not None:
            return
    raise ProblemError(  # pragma: no cover - only under a storm of writes to one note
        409, "conflict", f"Note {note_id} kept changing while it was being deleted; retry."
    )


@blp.route("/notes/<id:note_id>", methods=["DELETE"])
@blp.doc(parameters=[IF_MATCH])
@blp.response(204, description="Deleted: no body.")
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(412, response="PRECONDITION_FAILED")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def remove_note(note_id: int) -> Response:
    """Delete a note: 204, then 404 for any later request on it."""
    delete_note(note_id, request.headers.get("If-Match"))
    response = current_app.response_class(status=204)
    # An empty 204 has no content, so no Content-Type to describe it.
    del response.headers["Content-Type"]
    return response
