"""What p15 accepts (it answers the shared NoteOut of p13-p16)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, validates_schema

from flask_track.shared.note_schemas import body_field, title_field


class NoteReplaceIn(Schema):
    """PUT: the whole note. Both fields are required: a PUT that forgot `body` must not
    silently erase it."""

    title = title_field(required=True)
    body = body_field(required=True)


class NotePatchIn(Schema):
    """PATCH: any non-empty subset of the fields; the others keep their values."""

    title = title_field(required=False)
    body = body_field(required=False)

    @validates_schema
    def _at_least_one_field(self, data: dict[str, Any], **_kwargs: Any) -> None:
        # An empty PATCH changes nothing but would still bump updated_at and the ETag:
        # almost certainly a client bug, so it is refused instead of "succeeding".
        if not data:
            raise ValidationError("Send at least one of: title, body.")
