"""What p20 accepts and answers."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from flask_track.concepts.p20_pagination.cursor import (
    CURSOR_MAX_LENGTH,
    CURSOR_PATTERN,
    InvalidCursor,
    Position,
    decode_cursor,
)
from flask_track.concepts.p20_pagination.models import NAME_MAX
from flask_track.core.fields import QueryInteger, text_field
from flask_track.core.pagination import DEFAULT_LIMIT, MAX_LIMIT

MAX_OFFSET = 2**31 - 1


class CursorField(fields.String):
    """The opaque `cursor` query parameter, verified and decoded into a Position."""

    def _deserialize(  # type: ignore[override]  # a String on the wire, a Position inside
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Position:
        text = super()._deserialize(value, attr, data, **kwargs)
        # The field's validators (length, pattern) run after this method, so check the
        # length here too before doing any work on a huge value.
        if len(text) > CURSOR_MAX_LENGTH:
            raise ValidationError("Not a cursor this server issued.")
        try:
            return decode_cursor(text, current_app.config["SECRET_KEY"])
        except InvalidCursor as error:
            raise ValidationError(f"Not a cursor this server issued: {error}") from None


class ItemPageArgs(Schema):
    """`?limit=&offset=` (offset pages, with total) or `?limit=&cursor=` (keyset pages).

    Without `offset`, the answer is a keyset page: no cursor means the first page.
    """

    limit = QueryInteger(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT))
    offset = QueryInteger(
        validate=validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "Offset pagination: rows to skip. Not with `cursor`."},
    )
    cursor = CursorField(
        metadata={
            "description": "Keyset pagination: the `next_cursor` of the previous page, as "
            "issued (opaque, signed). Not with `offset`.",
            "pattern": CURSOR_PATTERN,
            "minLength": 25,
            "maxLength": CURSOR_MAX_LENGTH,
        },
    )

    @validates_schema
    def one_style_only(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if "offset" in data and "cursor" in data:
            message = "Use either offset or cursor, not both."
            raise ValidationError({"offset": [message], "cursor": [message]})


class ItemIn(Schema):
    """A new item."""

    name = text_field(NAME_MAX, metadata={"example": "a new item"})


class ItemOut(Schema):
    """One item."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    name = fields.String(required=True)
    created_at = fields.DateTime(required=True)


class ItemPageOut(Schema):
    """A page of items, newest first. Offset pages carry offset/total/next_offset; keyset
    pages carry next_cursor (null on the last page)."""

    items = fields.List(fields.Nested(ItemOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
    limit = fields.Integer(required=True, metadata={"minimum": 1, "maximum": MAX_LIMIT})
    offset = fields.Integer(metadata={"minimum": 0})
    total = fields.Integer(metadata={"minimum": 0})
    next_offset = fields.Integer(allow_none=True, metadata={"minimum": 0})
    next_cursor = fields.String(allow_none=True)
