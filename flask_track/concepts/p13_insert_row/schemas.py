"""What p13 accepts (it answers the shared NoteOut: `flask_track/shared/note_schemas.py`)."""

from __future__ import annotations

from marshmallow import Schema

from flask_track.shared.note_schemas import body_field, title_field


class NoteIn(Schema):
    """The body of POST /p13/notes."""

    title = title_field(required=True)
    body = body_field(required=False, load_default="")
