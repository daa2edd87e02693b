"""What p39 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.core.fields import QueryInteger

MAX_SLEEP_MS = 2000


class SlowQuery(Schema):
    """?ms= how long the route sleeps (0-2000, plain decimal digits)."""

    ms = QueryInteger(
        required=True,
        validate=validate.Range(min=0, max=MAX_SLEEP_MS),
        metadata={"description": f"Milliseconds to sleep (0-{MAX_SLEEP_MS})."},
    )


class SlowOut(Schema):
    """How long was asked for and how long the sleep really took."""

    ms = fields.Integer(required=True, metadata={"minimum": 0, "maximum": MAX_SLEEP_MS})
    slept_ms = fields.Float(required=True, metadata={"minimum": 0})


class RouteStatsOut(Schema):
    """One route of this blueprint: requests counted and the percentiles of its window."""

    method = fields.String(required=True, metadata={"example": "GET"})
    route = fields.String(required=True, metadata={"example": "/p39/slow"})
    count = fields.Integer(required=True, metadata={"minimum": 1})
    window = fields.Integer(
        required=True,
        metadata={"minimum": 1, "description": "How many recent requests p50/p95 cover."},
    )
    p50_ms = fields.Float(required=True, metadata={"minimum": 0})
    p95_ms = fields.Float(required=True, metadata={"minimum": 0})


class StatsOut(Schema):
    """Per-route statistics of THIS process (each worker process has its own)."""

    items = fields.List(fields.Nested(RouteStatsOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
