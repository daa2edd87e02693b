"""What p38 answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class LimitedOut(Schema):
    """Who was counted and how many requests are left in the window."""

    client = fields.String(
        required=True,
        validate=validate.OneOf(["user", "address"]),
        metadata={"description": "user: counted per token user; address: per peer address"},
    )
    remaining = fields.Integer(required=True, metadata={"minimum": 0, "maximum": 4})
