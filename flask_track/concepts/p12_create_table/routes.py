"""POST /p12/setup and GET /p12/schema: run the hand-written DDL, then look at the result."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p12_create_table.schemas import SetupOut, TableSchemaOut
from flask_track.concepts.p12_create_table.table import create_notes_table, describe_columns
from flask_track.core.openapi import Blueprint
from flask_track.shared.notes import TABLE, dialect

blp = Blueprint("p12", __name__)


@blp.route("/setup", methods=["POST"])
@blp.response(200, SetupOut)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def setup() -> dict[str, Any]:
    """Create the notes table if it does not exist (idempotent: 200 every time)."""
    # 200 and not 201 even on the first call: the client asked for "make sure it exists",
    # and the answer is the same whether this call or an earlier one did the work.
    created, statements = create_notes_table()
    return {"table": TABLE, "dialect": dialect(), "created": created, "statements": statements}


@blp.route("/schema")
@blp.response(200, TableSchemaOut)
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def schema() -> dict[str, Any]:
    """Describe the notes table's columns and types (409 before POST /p12/setup)."""
    return {"table": TABLE, "dialect": dialect(), "columns": describe_columns()}
