"""App-wide routes: liveness, readiness and the discovery list the contract suite reads."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_sqlalchemy import SQLAlchemy
from marshmallow import Schema, fields
from sqlalchemy import text

from flask_track.core.ladder import served_concepts
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.core.readiness import readiness_checks

IMPLEMENTATION = "flask-track"

blp = Blueprint("app", __name__, description="App-wide routes: health, readiness, discovery")


class HealthOut(Schema):
    status = fields.String(required=True, metadata={"enum": ["ok"]})


class CheckOut(Schema):
    ok = fields.Boolean(required=True)
    latency_ms = fields.Float(required=True)
    # The job queue's check (Level 4): its storage, pending tasks, last worker heartbeat.
    backend = fields.String()
    backlog = fields.Integer()
    worker_seen_s = fields.Float(allow_none=True)


class ReadyOut(Schema):
    status = fields.String(required=True, metadata={"enum": ["ok"]})
    checks = fields.Dict(keys=fields.String(), values=fields.Nested(CheckOut), required=True)


class ConceptOut(Schema):
    id = fields.String(required=True, metadata={"pattern": "^p[0-9]{2}$"})
    slug = fields.String(required=True)
    title = fields.String(required=True)
    level = fields.Integer(required=True, metadata={"minimum": 1, "maximum": 5})


class ConceptsOut(Schema):
    implementation = fields.String(required=True)
    concepts = fields.List(fields.Nested(ConceptOut), required=True)


@blp.route("/health")
@blp.response(200, HealthOut)
def health() -> dict[str, str]:
    """Liveness: the process answers HTTP."""
    return {"status": "ok"}


def _db() -> SQLAlchemy:
    # The app's Flask-SQLAlchemy handle, by the extension pattern: core/ imports no layer above.
    handle: SQLAlchemy = current_app.extensions["sqlalchemy"]
    return handle


def _check_database() -> dict[str, Any]:
    started = time.perf_counter()
    _db().session.execute(text("SELECT 1"))
    return {"ok": True, "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


def _timed(probe: Callable[[], Any]) -> Callable[[], dict[str, Any]]:
    def check() -> dict[str, Any]:
        started = time.perf_counter()
        details = probe()  # a probe may say more about its service (the queue's backlog)
        latency = round((time.perf_counter() - started) * 1000, 2)
        return {**(details if isinstance(details, dict) else {}), "ok": True, "latency_ms": latency}

    return check


@blp.route("/ready")
@blp.response(200, ReadyOut)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def ready() -> dict[str, Any]:
    """Readiness: 200 when the database and every registered service answer, else 503 naming it."""
    probes = {"database": _check_database}
    probes.update({name: _timed(probe) for name, probe in readiness_checks(current_app).items()})
    checks: dict[str, Any] = {}
    failing = []
    for name, probe in probes.items():
        try:
            checks[name] = probe()
        except Exception:  # any driver error means "not ready"; the reason goes to the log only
            if name == "database":
                _db().session.rollback()
            checks[name] = {"ok": False}
            failing.append(name)
    if failing:
        raise ProblemError(
            503,
            "dependency-unavailable",
            f"Not ready: {', '.join(failing)} does not answer.",
            headers={"Retry-After": "5"},
            checks=checks,
        )
    return {"status": "ok", "checks": checks}


@blp.route("/concepts")
@blp.response(200, ConceptsOut)
def concepts() -> dict[str, Any]:
    """Discovery: the concepts this implementation serves, in ladder order."""
    return {
        "implementation": IMPLEMENTATION,
        "concepts": [concept.as_dict() for concept in served_concepts()],
    }
