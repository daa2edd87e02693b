"""What p36 answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class BackendOut(Schema):
    """The cache backend in use."""

    backend = fields.String(required=True, validate=validate.OneOf(["redis", "simple"]))


class SquareOut(Schema):
    """n and its square."""

    n = fields.Integer(required=True, metadata={"minimum": 0})
    square = fields.Integer(required=True, metadata={"minimum": 0})
