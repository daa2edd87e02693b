"""What p17 accepts and answers."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate

from flask_track.concepts.p17_orm_model.isbn import (
    ISBN_MAX_LENGTH,
    ISBN_PATTERN,
    ISBN_SHAPE,
    InvalidIsbn,
    normalize_isbn,
)
from flask_track.core.fields import StrictInteger, text_field
from flask_track.shared.books import AUTHOR_MAX, TITLE_MAX

MAX_PAGES = 100_000


def check_digit(value: str) -> None:
    """The checksum, the one ISBN rule a pattern cannot state (runs beside the pattern, so a
    bad title and a bad check digit are reported together)."""
    if not ISBN_SHAPE.match(value):
        return  # the Regexp validator (same re.match semantics) already reports the shape
    try:
        normalize_isbn(value)
    except InvalidIsbn as error:
        raise ValidationError(str(error)) from None


class BookIn(Schema):
    """A new book. `isbn`: ISBN-10 or ISBN-13, hyphens allowed, checksum verified."""

    title = text_field(TITLE_MAX, metadata={"example": "Structure and Interpretation"})
    author = text_field(AUTHOR_MAX, metadata={"example": "Harold Abelson"})
    isbn = fields.String(
        required=True,
        validate=[
            validate.Length(min=10, max=ISBN_MAX_LENGTH),
            validate.Regexp(ISBN_PATTERN, error="Not an ISBN-10 or ISBN-13."),
            check_digit,
        ],
        metadata={
            "example": "978-0-262-51087-5",
            "description": "ISBN-10 or ISBN-13 (hyphens allowed) with a valid check digit; "
            "stored and returned as 13 digits.",
        },
    )
    pages = StrictInteger(required=True, validate=validate.Range(min=1, max=MAX_PAGES))

    @post_load
    def normalise_isbn(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        # Only reached when every field is valid, so normalize_isbn cannot fail here.
        data["isbn"] = normalize_isbn(data["isbn"])
        return data


class BookOut(Schema):
    """One stored book."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    title = fields.String(required=True)
    author = fields.String(required=True)
    isbn = fields.String(required=True, metadata={"pattern": "^[0-9]{13}$"})
    pages = fields.Integer(required=True, metadata={"minimum": 1})
    created_at = fields.DateTime(required=True)


class BookListOut(Schema):
    """A page of books, newest first."""

    items = fields.List(fields.Nested(BookOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
