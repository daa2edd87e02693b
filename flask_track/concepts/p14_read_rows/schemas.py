"""What p14 accepts and answers."""

from marshmallow import Schema, fields

from flask_track.core.pagination import MAX_LIMIT, PageArgs
from flask_track.shared.note_schemas import NoteOut


class NoteListQuery(PageArgs):
    """Paging of GET /p14/notes (CATALOG §0's limit/offset); other parameters are ignored."""


class NoteListOut(Schema):
    """A page of notes, newest first; count = items in this response."""

    items = fields.List(fields.Nested(NoteOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0, "maximum": MAX_LIMIT})
    limit = fields.Integer(required=True, metadata={"minimum": 1, "maximum": MAX_LIMIT})
    offset = fields.Integer(required=True, metadata={"minimum": 0})
