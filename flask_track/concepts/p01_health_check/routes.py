"""GET /p01/health: status, version and uptime, never cached."""

from __future__ import annotations

import time
from typing import Any

from flask import current_app

from flask_track.concepts.p01_health_check.schemas import HealthOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint

# Taken when the worker imports this module, i.e. close enough to process start.
STARTED_AT = time.monotonic()

blp = Blueprint("p01", __name__)


@blp.route("/health")
@blp.response(200, HealthOut, headers=CACHE_CONTROL_DOC)
def health() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Report that the process is alive, which version it runs and for how long."""
    body = {
        "status": "ok",
        "version": current_app.config["API_VERSION"],
        "uptime_s": round(time.monotonic() - STARTED_AT, 3),
    }
    # A health answer must reflect now: no browser, proxy or CDN may replay an old one.
    return body, 200, {"Cache-Control": "no-store"}
