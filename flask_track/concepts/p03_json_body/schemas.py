"""What p03 accepts and answers."""

from marshmallow import Schema, fields

JSON_TYPES = ["object", "array", "string", "number", "boolean", "null"]

# Any JSON value at all: an empty schema. Not a marshmallow schema, because a schema there
# would make flask-smorest parse the body as an object; the view reads the body itself.
ANY_JSON_BODY = {
    "description": (
        "Any JSON value: object, array, string, number, true, false or null, "
        "nested at most 64 levels deep."
    ),
    "required": True,
    "content": {"application/json": {"schema": {}}},
}


class EchoOut(Schema):
    """The parsed value, its JSON type and the size of the raw body."""

    received = fields.Raw(
        required=True,
        allow_none=True,
        metadata={"description": "The value that was sent, parsed and serialized again."},
    )
    type = fields.String(required=True, metadata={"enum": JSON_TYPES})
    bytes = fields.Integer(
        required=True,
        metadata={"minimum": 1, "description": "Length of the raw request body in bytes."},
    )
