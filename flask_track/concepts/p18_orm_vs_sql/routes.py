"""GET /p18/stats?via=orm|sql and GET /p18/compare: one aggregate, two ways to ask for it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from flask_track.concepts.p18_orm_vs_sql.schemas import (
    CompareArgs,
    CompareOut,
    StatsArgs,
    StatsResultOut,
)
from flask_track.concepts.p18_orm_vs_sql.stats import snapshot_session, stats_orm, stats_sql
from flask_track.core.openapi import Blueprint
from flask_track.core.query_log import capture_queries
from flask_track.extensions import db

blp = Blueprint("p18", __name__)

PATHS: dict[str, Callable[[Session, str | None], dict[str, Any]]] = {
    "orm": stats_orm,
    "sql": stats_sql,
}


def run_path(via: str, session: Session, author: str | None) -> dict[str, Any]:
    """Run one path, timing it and recording the statements it actually sent."""
    with capture_queries() as log:
        started = time.perf_counter()
        stats = PATHS[via](session, author)
        duration_ms = (time.perf_counter() - started) * 1000
    # The ORM's SQL is what SQLAlchemy compiled for this dialect (placeholders included);
    # the raw path's is our own text, captured the same way to prove it was sent as written.
    return {"stats": stats, "duration_ms": round(duration_ms, 3), "sql": log.statements}


@blp.route("/stats")
@blp.arguments(StatsArgs, location="query")
@blp.response(200, StatsResultOut)
def stats(args: dict[str, Any]) -> dict[str, Any]:
    """Book statistics computed through the ORM or through hand-written SQL."""
    result = run_path(args["via"], db.session(), args.get("author"))
    return {"via": args["via"], **result}


@blp.route("/compare")
@blp.arguments(CompareArgs, location="query")
@blp.response(200, CompareOut)
def compare(args: dict[str, Any]) -> dict[str, Any]:
    """Both paths on one snapshot: equal results, the ORM's SQL and each path's duration."""
    author = args.get("author")
    # One snapshot for both: books inserted by other requests meanwhile cannot make the two
    # answers differ (two separate /stats calls can, and that is not a bug).
    with snapshot_session() as session:
        orm = run_path("orm", session, author)
        sql = run_path("sql", session, author)
    return {"equal": orm["stats"] == sql["stats"], "orm": orm, "sql": sql}
