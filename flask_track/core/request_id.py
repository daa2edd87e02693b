"""X-Request-ID: reuse a well-formed incoming id, otherwise mint a UUID4."""

from __future__ import annotations

import random
import re
from typing import Any

from flask import has_request_context, request

HEADER = "X-Request-ID"
ENVIRON_KEY = "HTTP_X_REQUEST_ID"  # where WSGI puts the header (what request.headers reads)
# Where core/middleware.py keeps the id of the request for everything after it (one per
# request, set before Flask sees the request).
ENVIRON_ID = "flask_track.request_id"
# CATALOG §0: anything else (too long, spaces, CR/LF injection attempts) is replaced.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
# One generator for the process; `random` reseeds it in a forked child (os.register_at_fork),
# so two gunicorn workers never mint the same sequence.
_random_bits = random.getrandbits


def new_request_id() -> str:
    """A random UUID4 in its canonical text form (what str(uuid.uuid4()) gives).

    The 128 bits come from `random` (Mersenne Twister, reseeded in every forked worker), not
    os.urandom: a request id must be unique, not secret (it is sent to the client), and
    os.urandom is a system call that lets go of the GIL. Under gunicorn's threads each such
    release on every request handed the GIL to another thread and waited to get it back
    (issue 11: futex calls per request, bench/README.md).
    """
    bits = _random_bits(128)
    bits = (bits & ~(0xF << 76)) | (0x4 << 76)  # version 4
    bits = (bits & ~(0x3 << 62)) | (0x2 << 62)  # the RFC 4122 variant
    text = f"{bits:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def assign_request_id(environ: dict[str, Any]) -> str:
    """The request's id, fixed once in its WSGI environ: the incoming one if well-formed."""
    found: str | None = environ.get(ENVIRON_ID)
    if found is None:
        incoming = environ.get(ENVIRON_KEY, "")
        found = incoming if VALID_REQUEST_ID.fullmatch(incoming) else new_request_id()
        environ[ENVIRON_ID] = found
    return found


def current_request_id() -> str | None:
    """The id of the request being handled (None outside a request)."""
    if not has_request_context():
        return None
    # Set by core/middleware.py before Flask saw the request; assigned here only for a
    # request that did not come through it (a bare test_request_context()).
    return assign_request_id(request.environ)
