"""Serve the built React client (clients/dist) at / when it has been built.

The client uses hash routing (`/#/p07`), so the server only needs `/` and `/assets/*`:
every other unknown URL stays an API 404 problem.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, send_from_directory

blp = Blueprint("client", __name__)


def _dist() -> Path:
    return Path(current_app.config["CLIENT_DIST_DIR"])


@blp.get("/")
def index() -> Response:
    """The client's single page."""
    response = send_from_directory(_dist(), "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response


@blp.get("/assets/<path:filename>")
def assets(filename: str) -> Response:
    """Hashed JS/CSS bundles; send_from_directory refuses paths outside the folder."""
    response = send_from_directory(_dist() / "assets", filename)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def init_client(app: Flask) -> bool:
    """Register the client routes if the client is built; report whether it was."""
    if not (Path(app.config["CLIENT_DIST_DIR"]) / "index.html").is_file():
        return False
    app.register_blueprint(blp)
    return True
