"""What p02 answers."""

from marshmallow import Schema, fields


class QuoteOut(Schema):
    """One quote."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    text = fields.String(required=True)
    author = fields.String(required=True)


class QuoteListOut(Schema):
    """The collection envelope: every quote and how many there are."""

    items = fields.List(fields.Nested(QuoteOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
