"""GET /p49/boom (an unhandled error on purpose) and GET /p49/errors/{error_id} (admin)."""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

from flask import request
from flask_jwt_extended import verify_jwt_in_request

from flask_track.concepts.p49_error_logging.models import ErrorRecord
from flask_track.concepts.p49_error_logging.schemas import ErrorRecordOut
from flask_track.concepts.p49_error_logging.store import install
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.database import database_errors_as_503
from flask_track.shared.tokens import auth_required

blp = Blueprint("p49", __name__)
blp.record_once(install)

ERROR_ID = re.compile(r"^[0-9a-f]{32}$")


class BoomError(RuntimeError):
    """The bug p49 simulates."""


@blp.route("/boom")
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(500, response="INTERNAL_SERVER_ERROR")
def boom() -> NoReturn:
    """Fail on purpose (500 with `error_id`); the record names the caller if a token was sent."""
    verify_jwt_in_request(optional=True)  # a bad token is still a 401; none is fine
    # A typical careless message: it quotes the request's credentials. The record must not.
    raise BoomError(f"boom while handling a request with {request.headers.get('Authorization')}")


@blp.route("/errors/<error_id>")
@auth_required(blp, role="admin")
@blp.response(200, ErrorRecordOut)
@blp.alt_response(404, response="NOT_FOUND")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def get_error(error_id: str) -> dict[str, Any]:
    """The stored record of one unhandled error, by the `error_id` of its 500 (admins only)."""
    with database_errors_as_503():
        stored = db.session.get(ErrorRecord, error_id) if ERROR_ID.fullmatch(error_id) else None
    if stored is None:
        raise ProblemError.not_found(f"There is no error record {error_id}.")
    record: dict[str, Any] = json.loads(stored.record)
    return record
