"""WebSocket conventions shared by every WebSocket route (p45, p46): who may open one.

Browsers send `Origin` with every handshake but apply no CORS to WebSockets, so a page of any
site could open a socket to this server with the visitor's cookies (cross-site WebSocket
hijacking). The server's own origin and CORS_ORIGINS are welcome; a client that sends no
Origin is not a browser and has nothing to hijack. Call it before the upgrade (a blueprint's
before_request), so the refusal is an ordinary 403 problem.
"""

from __future__ import annotations

from flask import current_app, request

from flask_track.core.problems import ProblemError


def refuse_foreign_origin() -> None:
    """403 `forbidden` for a handshake from a page of an origin that is not allowed."""
    origin = request.headers.get("Origin")
    if origin is None:
        return
    allowed = {request.host_url.rstrip("/"), *current_app.config["CORS_ORIGINS"]}
    if origin.rstrip("/") not in allowed:
        raise ProblemError(403, "forbidden", "Pages of this origin may not open this WebSocket.")
