"""What p44 answers, per version: the shape is the version's contract."""

from marshmallow import Schema, fields


class UserV1Out(Schema):
    """Version 1 (deprecated): one display name."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    name = fields.String(required=True)


class UserV2Out(Schema):
    """Version 2: the name in two fields, so clients can sort by family name."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    first_name = fields.String(required=True)
    last_name = fields.String(required=True)
