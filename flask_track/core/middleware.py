"""The hooks every request passes through: id, timing, security headers, the access log."""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from flask_track.core.body_limit import init_body_limit
from flask_track.core.request_id import HEADER as REQUEST_ID_HEADER
from flask_track.core.request_id import current_request_id
from flask_track.core.sessions import CookieSessionInterface

access_log = logging.getLogger("flask_track.access")


def _start_request() -> None:
    """Runs first for every request: start the clock and fix the request id."""
    g.started_at = time.perf_counter()
    current_request_id()


def elapsed_ms() -> float:
    """Milliseconds since this request entered the app."""
    started = g.get("started_at")
    return 0.0 if started is None else (time.perf_counter() - started) * 1000


def _finish_request(response: Response) -> Response:
    """Runs last for every response, errors included."""
    duration = elapsed_ms()
    request_id = current_request_id() or ""
    headers = response.headers
    headers[REQUEST_ID_HEADER] = request_id
    app_metric = f"app;dur={duration:.2f}"
    # Keep metrics a view added (p39 adds its own) and put ours first.
    # getlist, not get: a missing header costs get() a KeyError raised and caught.
    values = headers.getlist("Server-Timing")
    existing = values[0] if values else None
    headers["Server-Timing"] = f"{app_metric}, {existing}" if existing else app_metric
    headers["X-Content-Type-Options"] = "nosniff"
    # The path only: query strings may carry things that must not reach a log.
    if access_log.isEnabledFor(logging.INFO):
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(duration, 2),
        }
        # makeRecord + handle is what .info() does, minus findCaller's walk up the stack
        # for a file and line nobody reads: this line is written for every request.
        record = access_log.makeRecord(
            access_log.name,
            logging.INFO,
            __file__,
            0,
            "request",
            (),
            None,
            # The id stamped here spares each handler's RequestIdFilter its own lookup.
            extra={"fields": fields, "request_id": request_id or None},
        )
        access_log.handle(record)
    return response


def init_middleware(app: Flask) -> None:
    """Install the hooks; registered before any blueprint so they run first and last."""
    hops = int(app.config.get("TRUSTED_PROXY_HOPS", 0))
    if hops > 0:
        # Behind `hops` proxies, the client address and scheme are the ones the nearest
        # proxies report (X-Forwarded-For/-Proto); with 0 the headers are ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.before_request_funcs.setdefault(None, []).insert(0, _start_request)
    app.after_request(_finish_request)
    app.session_interface = CookieSessionInterface()
    # Over-limit bodies: drained (bounded) so the client reads its 413 (core/body_limit.py).
    init_body_limit(app)
