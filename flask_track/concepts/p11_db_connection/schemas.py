"""What p11 answers."""

from marshmallow import Schema, fields


class DatabaseOut(Schema):
    """The body of GET /p11/db."""

    dialect = fields.String(required=True, metadata={"enum": ["sqlite", "postgresql"]})
    driver = fields.String(
        required=True, metadata={"description": "The DBAPI driver, e.g. pysqlite or psycopg."}
    )
    server_version = fields.String(required=True, metadata={"example": "3.40.1"})
    database = fields.String(
        required=True,
        metadata={"description": "PostgreSQL: the database name; SQLite: the file name only."},
    )
    url = fields.String(
        required=True,
        metadata={
            "description": "The connection URL with any password masked as *** "
            "(and, for SQLite, the directories hidden).",
            "example": "postgresql+psycopg://app:***@db.internal:5432/shop",
        },
    )
    connected = fields.Boolean(required=True, metadata={"enum": [True]})
    latency_ms = fields.Float(required=True, metadata={"minimum": 0})
