"""POST /p46/increment and WS /p46/ws: a counter whose every change reaches every subscriber."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app

from flask_track.concepts.p46_realtime_counter.counter import current_value, increment, value_reader
from flask_track.concepts.p46_realtime_counter.hub import HUB
from flask_track.concepts.p46_realtime_counter.schemas import CountOut
from flask_track.core.openapi import Blueprint
from flask_track.core.websocket import answers_the_close, refuse_foreign_origin
from flask_track.extensions import redis_client, sock

blp = Blueprint("p46", __name__)
blp.before_request(refuse_foreign_origin)  # before the upgrade (core/websocket.py)

# How long a subscriber's loop waits for a change before it checks the connection again.
WAKE_S = 1.0


@blp.route("/increment", methods=["POST"])
@blp.response(200, CountOut)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def post_increment() -> dict[str, int]:
    """Add one to the counter; every subscriber (on every worker) is sent the new value."""
    return {"value": increment()}


@sock.route("/ws", bp=blp)
@blp.doc(responses={"101": {"description": "Switching Protocols: the WebSocket is open."}})
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(403, response="FORBIDDEN")
@answers_the_close
def live(ws: Any) -> None:
    """Send {"type":"count","value":n} now and after every change, never a smaller n."""
    client = redis_client.client
    if client is not None:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        HUB.ensure_listener(client, lambda: value_reader(app))
    subscriber = HUB.subscribe()  # first subscribe, then read: no increment slips between
    try:
        subscriber.offer(current_value())
        while ws.connected:
            value = subscriber.next_value(timeout=WAKE_S)
            if value is not None:
                ws.send(json.dumps({"type": "count", "value": value}))
    finally:
        HUB.unsubscribe(subscriber)
