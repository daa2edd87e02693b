"""p12 create-table (CATALOG Level 2): POST /p12/setup, GET /p12/schema.

The `notes` table is created by hand-written DDL: POST /p12/setup is idempotent (200 every
time); GET /p12/schema → its columns with types (id, title, body, created_at, updated_at).

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- the table is created only by POST /p12/setup, never implicitly at start-up: that explicit
  step is the lesson. p13-p16 therefore call it first (it is idempotent), and before it they
  answer 409 conflict (the client can fix it by running the setup) — not testable from
  outside once any run has set the table up, so the implementation's own tests cover it;
- GET /p12/schema → {"columns":[{"name":str,"type":str,…}…]}; `type` is the database's own
  type name (TEXT, bigint, timestamp with time zone, …), so only its presence is checked;
- POST /p12/setup needs no body; concurrent setups all answer 200.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from contracts.harness import (
    allow_methods,
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
)
from contracts.harness.http import make_client

COLUMNS = ("id", "title", "body", "created_at", "updated_at")


@case("p12.setup-idempotent")
def test_setup_twice_is_200_both_times(api):
    """POST /p12/setup → 200, and again → 200: creating what exists is not an error."""
    first = api.post("/p12/setup")
    expect_status(first, 200)
    second = api.post("/p12/setup")
    expect_status(second, 200)


@case("p12.setup-concurrent")
def test_concurrent_setups_all_succeed(target):
    """Eight POST /p12/setup at once → eight 200s (no race between check and create)."""
    with make_client(target.base_url) as client, ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: client.post("/p12/setup"), range(8)))
    for response in responses:
        expect_status(response, 200)


@case("p12.schema-columns")
def test_schema_lists_the_five_columns_with_types(api):
    """GET /p12/schema (after setup) → columns id, title, body, created_at, updated_at, typed."""
    expect_status(api.post("/p12/setup"), 200)
    response = api.get("/p12/schema")
    body = expect_json(response, 200)
    columns = body.get("columns") if isinstance(body, dict) else None
    assert isinstance(columns, list) and all(isinstance(c, dict) for c in columns), describe(
        response, "columns: a list of objects"
    )
    by_name = {column.get("name"): column for column in columns}
    missing = [name for name in COLUMNS if name not in by_name]
    assert not missing, describe(response, f"columns {list(COLUMNS)} (missing {missing})")
    for name in COLUMNS:
        kind = by_name[name].get("type")
        assert isinstance(kind, str) and kind.strip(), describe(
            response, f"column {name!r} with a non-empty type"
        )


@case("p12.setup-get-not-allowed")
def test_get_setup_is_405(api):
    """GET /p12/setup → 405 with Allow listing POST: setup changes state, so never a GET."""
    response = api.get("/p12/setup")
    expect_problem(response, 405, "method-not-allowed")
    assert "POST" in allow_methods(response), describe(response, "Allow to list POST")
