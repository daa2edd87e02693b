"""X-Request-ID: reuse a well-formed incoming id, otherwise mint a UUID4."""

from __future__ import annotations

import os
import re

from flask import g, has_request_context, request

HEADER = "X-Request-ID"
ENVIRON_KEY = "HTTP_X_REQUEST_ID"  # where WSGI puts the header (what request.headers reads)
# CATALOG §0: anything else (too long, spaces, CR/LF injection attempts) is replaced.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


def new_request_id() -> str:
    """A random UUID4 in its canonical text form (what str(uuid.uuid4()) gives).

    Built from os.urandom directly: uuid.uuid4() makes a UUID object through an int and
    formats it back, ~3x the cost, and this runs for every request that brings no id.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def current_request_id() -> str | None:
    """The id of the request being handled, assigned on first use."""
    if not has_request_context():
        return None
    # One proxy lookup, not three: this runs several times per request (hooks, log records).
    state = g._get_current_object()
    request_id: str | None = getattr(state, "request_id", None)
    if request_id is None:
        incoming = request.environ.get(ENVIRON_KEY, "")
        request_id = incoming if VALID_REQUEST_ID.fullmatch(incoming) else new_request_id()
        state.request_id = request_id
    return request_id
