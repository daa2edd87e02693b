"""WS /p45/ws: greet, then answer every message (flask-sock on gunicorn's gthread workers)."""

from __future__ import annotations

import json
from typing import Any

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


# Documented as what it is over HTTP: a GET answered 101 (p10's contract and the fuzzer skip
# operations that document 101: a WebSocket is not a request/response operation).
@sock.route("/ws", bp=blp)
@blp.doc(responses={"101": {"description": "Switching Protocols: the WebSocket is open."}})
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(403, response="FORBIDDEN")
def hello(ws: Any) -> None:
    """Greet the client, then answer each message until it goes away."""
    send(ws, HELLO)
    while True:
        message = ws.receive()  # blocks this worker thread; None only on a timeout
        if message is None:
            continue
        send(ws, answer(message))
