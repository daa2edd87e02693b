"""GET /p11/db: prove the database answers and say what it is, secrets redacted."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import DBAPIError

from flask_track.concepts.p11_db_connection.connection import database_info
from flask_track.concepts.p11_db_connection.schemas import DatabaseOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.shared.database import is_unavailable, unavailable

blp = Blueprint("p11", __name__)


@blp.route("/db")
@blp.response(200, DatabaseOut, headers=CACHE_CONTROL_DOC)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def database() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Connect, run one query, and describe the database (503 when it does not answer)."""
    try:
        info = database_info()
    except DBAPIError as error:
        if not is_unavailable(error):
            raise
        raise unavailable(error) from None
    # A live measurement: a cached copy would claim a connection that may be gone.
    return info, 200, {"Cache-Control": "no-store"}
