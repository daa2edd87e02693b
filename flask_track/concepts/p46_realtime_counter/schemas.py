"""What p46 answers over HTTP (the WebSocket sends the same shape with "type":"count")."""

from marshmallow import Schema, fields


class CountOut(Schema):
    """The counter's value after this increment."""

    value = fields.Integer(required=True, metadata={"minimum": 1})
