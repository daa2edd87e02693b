"""A logging handler that keeps each unhandled-error record in the database.

core/problems.py logs every unhandled exception once, on `flask_track.errors`, with an
`error_id` (also in the 500 body) and the request's method, route, path and redacted headers;
core/logging.py masks secrets in its message and traceback. This handler adds the user id and
writes the record to `p49_error_records` on its own connection: the request's session may be
the very thing that failed, and a record must never be lost with its rollback.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Flask, has_app_context
from flask.sansio.blueprints import BlueprintSetupState

from flask_track.concepts.p49_error_logging.models import ErrorRecord
from flask_track.core.logging import record_to_dict
from flask_track.extensions import db
from flask_track.shared.tokens import current_claims

ERRORS_LOGGER = "flask_track.errors"
# A record is a debugging aid, not a place to store requests: cap what one may hold.
MAX_RECORD_CHARS = 64_000


class DatabaseErrorStore(logging.Handler):
    """Write records that carry an `error_id` to the database of the app in context."""

    def emit(self, record: logging.LogRecord) -> None:
        fields: dict[str, Any] = getattr(record, "fields", None) or {}
        if "error_id" not in fields or not has_app_context():
            return
        try:
            data = record_to_dict(record)
            sub = current_claims().get("sub")
            data["user_id"] = int(sub) if isinstance(sub, str) and sub.isdigit() else None
            text = json.dumps(data, ensure_ascii=False, default=str)[:MAX_RECORD_CHARS]
            with db.engine.begin() as connection:
                connection.execute(
                    ErrorRecord.__table__.insert().values(error_id=fields["error_id"], record=text)
                )
        except Exception:  # the stdout log line already holds the record: never fail the 500
            self.handleError(record)


def install(_state: BlueprintSetupState | Flask) -> None:
    """Attach the store to the errors logger, once per process (loggers are process-wide)."""
    logger = logging.getLogger(ERRORS_LOGGER)
    if not any(isinstance(handler, DatabaseErrorStore) for handler in logger.handlers):
        logger.addHandler(DatabaseErrorStore())
