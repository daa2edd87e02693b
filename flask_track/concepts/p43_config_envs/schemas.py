"""What p43 answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class ConfigOut(Schema):
    """The running configuration's observable choices (no values of settings, no secrets)."""

    env = fields.String(
        required=True, validate=validate.OneOf(["development", "testing", "production"])
    )
    debug = fields.Boolean(required=True)
    testing = fields.Boolean(required=True)
    database_dialect = fields.String(
        required=True, validate=validate.OneOf(["sqlite", "postgresql"])
    )
    cache_backend = fields.String(required=True, validate=validate.OneOf(["redis", "simple"]))
    rate_limit_storage = fields.String(required=True, validate=validate.OneOf(["redis", "memory"]))
