"""What p06 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

NAME_MAX_LENGTH = 100
STATUS_MIN, STATUS_MAX = 200, 599


class ItemIn(Schema):
    """The body of POST /p06/items."""

    name = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=NAME_MAX_LENGTH),
            # Anchored both ends, so Python's match() and JSON Schema's search agree: no NUL
            # anywhere (CATALOG §0: PostgreSQL cannot store it) and somewhere a non-space. The
            # class is spelled out: `\s` means different things in Python and in ECMA regexes.
            validate.Regexp(
                r"^[^\x00]*[^\x00\t\n\v\f\r ][^\x00]*$",
                error="Must contain a character other than whitespace, and no NUL.",
            ),
        ],
        metadata={
            "description": "1-100 characters, not only (ASCII) whitespace, no NUL; unique among "
            "the items (compared exactly as sent).",
            "example": "first item",
        },
    )


class ItemOut(Schema):
    """One item."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    name = fields.String(required=True)
    created_at = fields.DateTime(required=True, metadata={"description": "UTC, ISO 8601"})


class StatusOut(Schema):
    """The JSON body of GET /p06/status/{code} for a 2xx or 3xx code (other than 204/205/304)."""

    status = fields.Integer(
        required=True, metadata={"minimum": STATUS_MIN, "maximum": 399, "example": 200}
    )
    reason = fields.String(
        required=True,
        metadata={"description": "The reason phrase, or 'Unassigned' for a code with none."},
    )


# The path parameter as the server enforces it: the `id` converter lets only plain ASCII digits
# reach the view (anything else is a routing 404); the view refuses numbers outside the range.
CODE_PARAMETER = {
    "in": "path",
    "name": "code",
    "required": True,
    "description": "An HTTP status code from 200 to 599.",
    "schema": {"type": "integer", "minimum": STATUS_MIN, "maximum": STATUS_MAX},
}
