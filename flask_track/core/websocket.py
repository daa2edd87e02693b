"""WebSocket conventions shared by every WebSocket route (p45, p46): who may open one, how one ends.

Browsers send `Origin` with every handshake but apply no CORS to WebSockets, so a page of any
site could open a socket to this server with the visitor's cookies (cross-site WebSocket
hijacking). The server's own origin and CORS_ORIGINS are welcome; a client that sends no
Origin is not a browser and has nothing to hijack. Call it before the upgrade (a blueprint's
before_request), so the refusal is an ordinary 403 problem.

When the client closes, RFC 6455 §5.5.1 wants the server's Close frame back before the TCP
connection ends. simple-websocket's reader thread sends it, but only after it has told the
handler the connection is over; the handler then returns, and gunicorn closes the socket, at
times before that frame went out (the client sees 1006, "abnormal closure": 7 of 1,800
measured closes). `answers_the_close` makes the handler wait for the reader thread first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from flask import current_app, request

from flask_track.core.problems import ProblemError

P = ParamSpec("P")
R = TypeVar("R")

# How long a handler waits for the reader thread to send its Close frame and end. It needs
# microseconds; the bound only keeps a wedged socket from holding a worker thread.
CLOSE_ANSWER_WAIT_S = 2.0


def refuse_foreign_origin() -> None:
    """403 `forbidden` for a handshake from a page of an origin that is not allowed."""
    origin = request.headers.get("Origin")
    if origin is None:
        return
    allowed = {request.host_url.rstrip("/"), *current_app.config["CORS_ORIGINS"]}
    if origin.rstrip("/") not in allowed:
        raise ProblemError(403, "forbidden", "Pages of this origin may not open this WebSocket.")


def answers_the_close(view: Callable[P, R]) -> Callable[P, R]:
    """Wrap a flask-sock view: once the client closed, the server's Close frame goes out first."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        ws: Any = args[0]  # flask-sock passes the connection first
        try:
            return view(*args, **kwargs)
        finally:
            # Not connected: the reader thread saw the close (or the socket die) and is about
            # to answer and close the socket itself. Still connected: the view ended on its
            # own, flask-sock sends the server's Close, and there is nothing to wait for.
            if not ws.connected:
                ws.thread.join(CLOSE_ANSWER_WAIT_S)

    return wrapper
