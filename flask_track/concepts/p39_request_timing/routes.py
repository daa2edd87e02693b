"""GET /p39/slow and GET /p39/stats: Server-Timing per request, percentiles per route."""

from __future__ import annotations

import time
from typing import Any

from flask import Response, request

from flask_track.concepts.p39_request_timing.schemas import SlowOut, SlowQuery, StatsOut
from flask_track.concepts.p39_request_timing.stats import LatencyStats
from flask_track.core.middleware import elapsed_ms
from flask_track.core.openapi import Blueprint

blp = Blueprint("p39", __name__)

# One per process: a gunicorn worker is a process, so two workers keep two unrelated copies.
STATS = LatencyStats()

SERVER_TIMING_DOC = {
    "Server-Timing": {
        "schema": {"type": "string"},
        "description": "app;dur=<ms of the whole request>, sleep;dur=<ms slept>",
    }
}


@blp.after_request
def record_duration(response: Response) -> Response:
    """This blueprint's routes only: count the request and keep its duration.

    A blueprint hook, not an app-wide one: the other 49 concepts pay nothing for p39.
    The clock is core's (started by the first before_request hook of the app).
    """
    rule = request.url_rule
    if rule is not None:  # a matched route of this blueprint (404/405 never get here)
        STATS.record(request.method, rule.rule, elapsed_ms())
    return response


@blp.route("/slow")
@blp.arguments(SlowQuery, location="query", as_kwargs=True)
@blp.response(200, SlowOut, headers=SERVER_TIMING_DOC)
def slow(ms: int) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Sleep `ms` milliseconds (0-2000); Server-Timing shows it next to core's app metric."""
    started = time.perf_counter()
    time.sleep(ms / 1000)
    slept = (time.perf_counter() - started) * 1000
    # Core's after_request puts `app;dur=` (the whole request) first and keeps this one.
    timing = f"sleep;dur={slept:.2f}"
    return {"ms": ms, "slept_ms": round(slept, 2)}, 200, {"Server-Timing": timing}


@blp.route("/stats")
@blp.response(200, StatsOut)
def stats() -> dict[str, Any]:
    """Per-route count, p50 and p95 of this process (over each route's latest 100 requests)."""
    items = STATS.snapshot()
    return {"items": items, "count": len(items)}
