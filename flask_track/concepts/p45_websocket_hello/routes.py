"""WS /p45/ws: greet, then answer every message (flask-sock on gunicorn's gthread workers)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Blueprint as FlaskBlueprint
from flask import current_app, request

from flask_track.concepts.p45_websocket_hello.protocol import HELLO, answer
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import sock

blp = Blueprint("p45", __name__)


@blp.before_request
def refuse_foreign_origins() -> None:
    """A browser page of another site may not open the socket (cross-site WebSocket hijacking).

    Browsers send `Origin` with every handshake and apply no CORS to WebSockets, so the server
    must look: its own origin and CORS_ORIGINS are welcome; a client that sends no Origin is
    not a browser and has nothing to hijack. This runs before the upgrade, so the refusal is an
    ordinary 403 problem.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return
    allowed = {request.host_url.rstrip("/"), *current_app.config["CORS_ORIGINS"]}
    if origin.rstrip("/") not in allowed:
        raise ProblemError(403, "forbidden", "Pages of this origin may not open this WebSocket.")


def send(ws: Any, message: dict[str, Any]) -> None:
    """One JSON text frame."""
    ws.send(json.dumps(message, ensure_ascii=False))


class _UndocumentedRoutes:
    """What flask-sock's `route(bp=...)` calls, minus flask-smorest's documentation step.

    A WebSocket endpoint is not an OpenAPI operation: smorest's `blp.route` (and its
    `add_url_rule`) would document it as a GET with no responses. Flask's own `add_url_rule`
    puts the rule (websocket=True) on the blueprint undocumented, and p10 leaves such rules out
    of "documented vs served".
    """

    def route(self, rule: str, **options: Any) -> Callable[[Callable[..., Any]], None]:
        return lambda view: FlaskBlueprint.add_url_rule(blp, rule, view_func=view, **options)


@sock.route("/ws", bp=_UndocumentedRoutes())
def hello(ws: Any) -> None:
    """Greet the client, then answer each message until it goes away."""
    send(ws, HELLO)
    while True:
        message = ws.receive()  # blocks this worker thread; None only on a timeout
        if message is None:
            continue
        send(ws, answer(message))
