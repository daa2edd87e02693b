"""GET /p09/logs and /p09/lifecycle: what the request logger wrote, and which hooks ran."""

from __future__ import annotations

import logging
from typing import Any

from flask import Response, g, request
from flask.blueprints import BlueprintSetupState

from flask_track.concepts.p09_request_logger.buffer import BUFFER, attach
from flask_track.concepts.p09_request_logger.schemas import LifecycleOut, LogsOut, LogsQueryIn
from flask_track.core.middleware import STARTED
from flask_track.core.openapi import Blueprint
from flask_track.core.request_id import current_request_id

blp = Blueprint("p09", __name__)
log = logging.getLogger("flask_track.p09")

# Every request of the app is already logged as one JSON line by core/middleware.py
# (a WSGI middleware around the whole app, when the response starts): method, path, status,
# duration_ms and request_id.


@blp.record_once
def start_buffering(_state: BlueprintSetupState) -> None:
    """When the blueprint is registered, start copying log records into the ring buffer."""
    attach()


@blp.before_request
def note_before_request() -> None:
    """Runs only for this blueprint's routes, after the app-wide before_request hooks."""
    # p09 installs no app-wide hook of its own: it would run on every route of the app to
    # serve one concept. Core's WSGI middleware (middleware.RequestStamp) already saw this
    # request before Flask did, and the clock it started in the environ is the proof.
    g.p09_hooks = ["wsgi_middleware"] if STARTED in request.environ else []
    g.p09_hooks.append("before_request")


@blp.after_request
def note_after_request(response: Response) -> Response:
    """Runs once the body exists, so it cannot be in it: it leaves a log record instead."""
    log.info("hook", extra={"fields": {"hook": "after_request"}})
    return response


@blp.teardown_request
def note_teardown(_error: BaseException | None) -> None:
    """Runs last, even after an exception; the response is already built."""
    log.info("hook", extra={"fields": {"hook": "teardown_request"}})


@blp.route("/logs")
@blp.arguments(LogsQueryIn, location="query")
@blp.response(200, LogsOut)
def logs(args: dict[str, Any]) -> dict[str, Any]:
    """Return the records this process logged for one request id (newest 1,000 kept)."""
    # A request's access record is written when its response starts, i.e. after its view
    # ran: ask for a request id from an earlier request, not for this one.
    items = BUFFER.for_request(args["request_id"])
    return {"request_id": args["request_id"], "items": items, "count": len(items)}


@blp.route("/lifecycle")
@blp.response(200, LifecycleOut)
def lifecycle() -> dict[str, Any]:
    """Return the hooks that ran for this very request so far, in order."""
    hooks: list[str] = g.setdefault("p09_hooks", [])
    hooks.append("handler")
    return {"request_id": current_request_id(), "hooks": list(hooks)}
