"""X-Request-ID: reuse a well-formed incoming id, otherwise mint a UUID4."""

from __future__ import annotations

import re
import uuid

from flask import g, has_request_context, request

HEADER = "X-Request-ID"
ENVIRON_KEY = "HTTP_X_REQUEST_ID"  # where WSGI puts the header (what request.headers reads)
# CATALOG §0: anything else (too long, spaces, CR/LF injection attempts) is replaced.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def current_request_id() -> str | None:
    """The id of the request being handled, assigned on first use."""
    if not has_request_context():
        return None
    # One proxy lookup, not three: this runs several times per request (hooks, log records).
    state = g._get_current_object()
    request_id: str | None = getattr(state, "request_id", None)
    if request_id is None:
        incoming = request.environ.get(ENVIRON_KEY, "")
        request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else str(uuid.uuid4())
        state.request_id = request_id
    return request_id
