"""What p18 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

VIAS = ("orm", "sql")
# An author name as p17 stores it: 1-200 characters, no NUL (PostgreSQL text cannot hold it).
AUTHOR_PATTERN = r"^[^\u0000]*$"


def author_filter() -> fields.String:
    return fields.String(
        validate=[validate.Length(min=1, max=200), validate.Regexp(AUTHOR_PATTERN)],
        metadata={"description": "Only books by exactly this author (as stored by p17)."},
    )


class StatsArgs(Schema):
    """?via=orm|sql&author="""

    via = fields.String(load_default="orm", validate=validate.OneOf(VIAS))
    author = author_filter()


class CompareArgs(Schema):
    """?author="""

    author = author_filter()


class AuthorCountOut(Schema):
    author = fields.String(required=True)
    books = fields.Integer(required=True, metadata={"minimum": 1})


class StatsOut(Schema):
    """The aggregate over p17's books (all of them, or one author's)."""

    books = fields.Integer(required=True, metadata={"minimum": 0})
    total_pages = fields.Integer(required=True, metadata={"minimum": 0})
    avg_pages = fields.Float(
        required=True, allow_none=True, metadata={"description": "rounded to 2 decimals"}
    )
    min_pages = fields.Integer(required=True, allow_none=True)
    max_pages = fields.Integer(required=True, allow_none=True)
    authors = fields.Integer(required=True, metadata={"minimum": 0})
    top_authors = fields.List(
        fields.Nested(AuthorCountOut),
        required=True,
        metadata={"description": "Up to 5 authors with the most books (ties by name)."},
    )


class PathResultOut(Schema):
    """One path's answer, its duration and the SQL it sent."""

    stats = fields.Nested(StatsOut, required=True)
    duration_ms = fields.Float(required=True, metadata={"minimum": 0})
    sql = fields.List(fields.String(), required=True, metadata={"description": "in order"})


class StatsResultOut(PathResultOut):
    """GET /p18/stats: one path."""

    via = fields.String(required=True, metadata={"enum": list(VIAS)})


class CompareOut(Schema):
    """GET /p18/compare: both paths on one snapshot of the data."""

    equal = fields.Boolean(required=True)
    orm = fields.Nested(PathResultOut, required=True)
    sql = fields.Nested(PathResultOut, required=True)
