"""What p01 answers."""

from marshmallow import Schema, fields


class HealthOut(Schema):
    """The body of GET /p01/health."""

    status = fields.String(required=True, metadata={"enum": ["ok"]})
    version = fields.String(required=True, metadata={"example": "0.1.0"})
    uptime_s = fields.Float(required=True, metadata={"minimum": 0})
