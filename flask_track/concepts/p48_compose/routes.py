"""GET /p48/dependencies: every service this deployment depends on, and whether it answers."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any

from flask import current_app
from marshmallow import Schema, fields
from sqlalchemy import text

from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.core.readiness import readiness_checks
from flask_track.extensions import db

blp = Blueprint("p48", __name__)

# The services of docker/compose.yaml, in the order a reader meets them there.
KNOWN = ("database", "redis", "smtp", "queue")
TIMEOUT_S = 2.0


class DependencyOut(Schema):
    """One dependency: configured or not; if configured, whether it answered and how fast."""

    configured = fields.Boolean(required=True)
    ok = fields.Boolean()
    latency_ms = fields.Float()


class DependenciesOut(Schema):
    """Every known dependency by name."""

    status = fields.String(required=True, metadata={"enum": ["ok"]})
    dependencies = fields.Dict(
        keys=fields.String(), values=fields.Nested(DependencyOut), required=True
    )


def _database() -> None:
    db.session.execute(text("SELECT 1"))
    db.session.commit()


def _smtp() -> None:
    host, port = current_app.config.get("SMTP_HOST"), current_app.config.get("SMTP_PORT")
    with socket.create_connection((str(host), int(str(port))), timeout=TIMEOUT_S) as connection:
        connection.settimeout(TIMEOUT_S)
        if not connection.recv(3).startswith(b"220"):  # the SMTP greeting
            raise ConnectionError("no SMTP greeting")


def probes() -> dict[str, Callable[[], object] | None]:
    """Each known dependency's probe, or None when this deployment does not use it."""
    registered = readiness_checks(current_app)
    found: dict[str, Callable[[], object] | None] = {name: None for name in KNOWN}
    found["database"] = _database
    found["smtp"] = _smtp if current_app.config.get("SMTP_HOST") else None
    found.update(registered)
    return found


def check(probe: Callable[[], object]) -> dict[str, Any]:
    """Run one probe: ok and the round trip in milliseconds (no error text: it may leak)."""
    started = time.perf_counter()
    try:
        probe()
        ok = True
    except Exception:  # a dependency that does not answer is a result here, not an error
        db.session.rollback()
        ok = False
    latency = round((time.perf_counter() - started) * 1000, 2)
    return {"configured": True, "ok": ok, "latency_ms": latency}


@blp.route("/dependencies")
@blp.response(200, DependenciesOut)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def dependencies() -> dict[str, Any]:
    """Each dependency's state; 200 when every configured one answers, else 503 naming them."""
    report = {
        name: check(probe) if probe is not None else {"configured": False}
        for name, probe in probes().items()
    }
    failing = [name for name, state in report.items() if state.get("ok") is False]
    if failing:
        raise ProblemError(
            503,
            "dependency-unavailable",
            f"Not answering: {', '.join(failing)}.",
            headers={"Retry-After": "5"},
            dependencies=report,
        )
    return {"status": "ok", "dependencies": report}
