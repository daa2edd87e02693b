"""What p12 answers."""

from marshmallow import Schema, fields

DIALECTS = ["sqlite", "postgresql"]


class SetupOut(Schema):
    """The result of POST /p12/setup."""

    table = fields.String(required=True, metadata={"enum": ["notes"]})
    dialect = fields.String(required=True, metadata={"enum": DIALECTS})
    created = fields.Boolean(
        required=True,
        metadata={"description": "true when this call created the table, false if it existed."},
    )
    statements = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "The hand-written DDL that was run (IF NOT EXISTS)."},
    )


class ColumnOut(Schema):
    """One column, as the database's own catalog describes it."""

    name = fields.String(required=True)
    type = fields.String(
        required=True, metadata={"description": "The database's type name, e.g. TEXT, bigint."}
    )
    not_null = fields.Boolean(
        required=True, metadata={"description": "true when the column has NOT NULL."}
    )
    primary_key = fields.Boolean(required=True)
    default = fields.String(
        required=True, allow_none=True, metadata={"description": "The default expression."}
    )


class TableSchemaOut(Schema):
    """The body of GET /p12/schema."""

    table = fields.String(required=True, metadata={"enum": ["notes"]})
    dialect = fields.String(required=True, metadata={"enum": DIALECTS})
    columns = fields.List(fields.Nested(ColumnOut), required=True)
