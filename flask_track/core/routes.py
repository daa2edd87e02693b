"""App-wide routes: liveness, readiness and the discovery list the contract suite reads."""

from __future__ import annotations

import time
from typing import Any

from flask import current_app
from flask_sqlalchemy import SQLAlchemy
from marshmallow import Schema, fields
from sqlalchemy import text

from flask_track.core.ladder import served_concepts
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError

IMPLEMENTATION = "flask-track"
# Extra readiness checks, by name: a callable returning a CheckOut-shaped dict, raising when
# its dependency is down. The layers above register theirs (core imports nothing above it).
READY_CHECKS = "flask_track.ready_checks"

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


@blp.route("/ready")
@blp.response(200, ReadyOut)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def ready() -> dict[str, Any]:
    """Readiness: 200 when the database (and the job queue) answer, else 503."""
    try:
        checks = {"database": _check_database()}
    except Exception:  # any driver error means "not ready"; the reason goes to the log only
        _db().session.rollback()
        raise ProblemError(
            503,
            "dependency-unavailable",
            "The database does not answer.",
            headers={"Retry-After": "5"},
            checks={"database": {"ok": False}},
        ) from None
    for name, check in current_app.extensions.get(READY_CHECKS, {}).items():
        try:
            checks[name] = check()
        except Exception:
            raise ProblemError(
                503,
                "dependency-unavailable",
                f"The {name} does not answer.",
                headers={"Retry-After": "5"},
                checks={**checks, name: {"ok": False}},
            ) from None
    return {"status": "ok", "checks": checks}


@blp.route("/concepts")
@blp.response(200, ConceptsOut)
def concepts() -> dict[str, Any]:
    """Discovery: the concepts this implementation serves, in ladder order."""
    return {
        "implementation": IMPLEMENTATION,
        "concepts": [concept.as_dict() for concept in served_concepts()],
    }
