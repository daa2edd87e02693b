"""WS /p45/ws: greet, then answer every message (flask-sock on gunicorn's gthread workers)."""

from __future__ import annotations

import json
from typing import Any

from flask_track.concepts.p45_websocket_hello.protocol import HELLO, answer
from flask_track.core.openapi import Blueprint
from flask_track.core.websocket import answers_the_close, refuse_foreign_origin
from flask_track.extensions import sock

blp = Blueprint("p45", __name__)


# Before the upgrade: a page of another site may not open the socket (core/websocket.py).
blp.before_request(refuse_foreign_origin)


def send(ws: Any, message: dict[str, Any]) -> None:
    """One JSON text frame."""
    ws.send(json.dumps(message, ensure_ascii=False))


# Documented as what it is over HTTP: a GET answered 101 (p10's contract and the fuzzer skip
# operations that document 101: a WebSocket is not a request/response operation).
@sock.route("/ws", bp=blp)
@blp.doc(responses={"101": {"description": "Switching Protocols: the WebSocket is open."}})
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(403, response="FORBIDDEN")
@answers_the_close
def hello(ws: Any) -> None:
    """Greet the client, then answer each message until it goes away."""
    send(ws, HELLO)
    while True:
        message = ws.receive()  # blocks this worker thread; None only on a timeout
        if message is None:
            continue
        send(ws, answer(message))
