"""What p14 accepts and answers."""

from marshmallow import Schema, fields, validate

from flask_track.concepts.p13_insert_row.schemas import NoteOut
from flask_track.core.fields import QueryInteger

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 2**63 - 1  # SQL's OFFSET is a signed 64-bit integer on both databases


class NoteListQuery(Schema):
    """Paging of GET /p14/notes: plain decimal digits only; other parameters are ignored."""

    limit = QueryInteger(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": "Notes per page (1-100, default 20)."},
    )
    offset = QueryInteger(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "Notes to skip, newest first (default 0)."},
    )


class NoteListOut(Schema):
    """A page of notes, newest first; count = items in this response."""

    items = fields.List(fields.Nested(NoteOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0, "maximum": MAX_LIMIT})
    limit = fields.Integer(required=True, metadata={"minimum": 1, "maximum": MAX_LIMIT})
    offset = fields.Integer(required=True, metadata={"minimum": 0})
