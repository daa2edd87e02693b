"""The p45 protocol: what the server answers to each message (no I/O here, so it is testable).

Text frames only. `{"type":"ping"}` -> `{"type":"pong"}`; a text that starts with `{` but is
not JSON -> `{"type":"error"}` (the connection stays open: one bad message is not a reason to
drop a client); anything else -> `{"type":"echo","data":<the text, exactly>}`.
"""

from __future__ import annotations

import json
from typing import Any

HELLO: dict[str, Any] = {"type": "hello"}
PONG: dict[str, Any] = {"type": "pong"}
# The size limit (65,536 bytes, then close 1009) is simple-websocket's `max_message_size`,
# set in config.py's SOCK_SERVER_OPTIONS: it is enforced while the frame is read.


def answer(message: str | bytes) -> dict[str, Any]:
    """The server's reply to one client message."""
    if isinstance(message, bytes):
        return {"type": "error", "detail": "Only text messages are understood."}
    if message.lstrip().startswith("{"):
        try:
            parsed = json.loads(message)
        except ValueError:
            return {"type": "error", "detail": "The message starts with { but is not JSON."}
        if isinstance(parsed, dict) and parsed.get("type") == "ping":
            return PONG
    return {"type": "echo", "data": message}
