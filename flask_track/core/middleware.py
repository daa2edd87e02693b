"""What every request passes through: its id, its timing, security headers, the access log.

A WSGI middleware around the Flask app (the outermost layer but ProxyFix): it fixes the
request id and starts the clock before Flask builds the request, and stamps the headers and
writes the access line when the app starts its response (`start_response`). Flask hooks
would do the same work at a higher price: each app-wide `before_request`/`after_request`
runs through proxies (`g`, `request`) and werkzeug's `Headers` on every request of every
route (issue 11 measured the core's cost; bench/README.md has the figures).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

from flask_track.core.body_limit import init_body_limit
from flask_track.core.logging import log_access_line
from flask_track.core.request_id import HEADER as REQUEST_ID_HEADER
from flask_track.core.request_id import assign_request_id
from flask_track.core.sessions import CookieSessionInterface

access_log = logging.getLogger("flask_track.access")

# Where the request's start time (time.perf_counter()) is kept in its WSGI environ.
STARTED = "flask_track.started"
# Headers this layer owns: whatever the app set for them is replaced (Server-Timing merged).
OWNED = frozenset({"x-request-id", "x-content-type-options", "server-timing"})

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def elapsed_ms() -> float:
    """Milliseconds since this request entered the app."""
    started = request.environ.get(STARTED)
    return 0.0 if started is None else _ms_since(started)


def request_path(environ: dict[str, Any]) -> str:
    """The request's path as Flask's `request.path` has it (no query string).

    WSGI hands PATH_INFO over as latin-1 text of the raw bytes; werkzeug decodes them as
    UTF-8 (undecodable bytes become U+FFFD) and keeps exactly one leading slash.
    """
    raw = environ.get("PATH_INFO") or ""
    return "/" + raw.encode("latin-1").decode("utf-8", "replace").lstrip("/")


def stamp_headers(headers: list[tuple[str, str]], request_id: str, duration_ms: float) -> None:
    """Add X-Request-ID, Server-Timing (ours first, then any the view added) and nosniff."""
    metrics = [f"app;dur={duration_ms:.2f}"]
    kept = []
    for name, value in headers:
        lowered = name.lower()
        if lowered not in OWNED:
            kept.append((name, value))
        elif lowered == "server-timing":
            metrics.append(value)  # p39 adds its own metrics: keep them, after ours
    kept += [
        (REQUEST_ID_HEADER, request_id),
        ("Server-Timing", ", ".join(metrics)),
        ("X-Content-Type-Options", "nosniff"),
    ]
    headers[:] = kept


def log_access(environ: dict[str, Any], status: int, duration_ms: float, request_id: str) -> None:
    """One access record: method, path (never the query string), status, duration, id."""
    method = environ.get("REQUEST_METHOD", "")
    path = request_path(environ)
    log_access_line(access_log, request_id, method, path, status, round(duration_ms, 2))


class RequestStamp:
    """WSGI middleware: the id and clock of every request, its headers and its access line."""

    def __init__(self, wsgi_app: WsgiApp) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        environ[STARTED] = started
        request_id = assign_request_id(environ)
        logged = False

        def stamped_start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Any:
            nonlocal logged
            duration_ms = _ms_since(started)
            stamp_headers(headers, request_id, duration_ms)
            if not logged:  # start_response may be called again, with exc_info
                logged = True
                log_access(environ, int(status[:3]), duration_ms, request_id)
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, stamped_start_response)
        finally:
            if not logged:
                # No response went through start_response: a WebSocket, whose server wrote
                # the 101 to the socket itself and has now closed, or an exception that
                # escaped the app (the server answers 500 for it).
                upgraded = environ.get("HTTP_UPGRADE", "").lower() == "websocket"
                log_access(environ, 101 if upgraded else 500, _ms_since(started), request_id)


def init_middleware(app: Flask) -> None:
    """Install the layers every request passes through, outermost last."""
    app.session_interface = CookieSessionInterface()
    # Over-limit bodies: drained (bounded) so the client reads its 413 (core/body_limit.py).
    init_body_limit(app)
    app.wsgi_app = RequestStamp(app.wsgi_app)  # type: ignore[method-assign]
    hops = int(app.config.get("TRUSTED_PROXY_HOPS", 0))
    if hops > 0:
        # Behind `hops` proxies, the client address and scheme are the ones the nearest
        # proxies report (X-Forwarded-For/-Proto); with 0 the headers are ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
