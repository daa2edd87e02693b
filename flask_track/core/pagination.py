"""Limit/offset paging, as CATALOG §0 fixes it for every collection that grows without bound."""

from __future__ import annotations

from marshmallow import Schema, validate

from flask_track.core.fields import QueryInteger

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# SQL's OFFSET is a signed 64-bit integer on SQLite and PostgreSQL alike.
MAX_OFFSET = 2**63 - 1


class PageArgs(Schema):
    """?limit=&offset= of a newest-first collection: plain decimal digits only."""

    limit = QueryInteger(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Items per page (1-{MAX_LIMIT}, default {DEFAULT_LIMIT})."},
    )
    offset = QueryInteger(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "Items to skip, newest first (default 0)."},
    )
