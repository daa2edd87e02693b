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
            # match() anchors at the start, so this reads "somewhere there is a non-space";
            # as an OpenAPI pattern (searched, not anchored) it means the same. The class is
            # spelled out: `\s` means different things in Python and in JSON Schema (ECMA).
            validate.Regexp(
                r"[\t\n\v\f\r ]*[^\t\n\v\f\r ]",
                error="Must contain a character other than whitespace.",
            ),
        ],
        metadata={
            "description": "1-100 characters, not only (ASCII) whitespace; unique among the items "
            "(compared exactly as sent).",
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
