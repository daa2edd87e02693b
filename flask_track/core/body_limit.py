"""Request bodies over MAX_CONTENT_LENGTH: a 413 the client can always read (CATALOG §0).

Werkzeug alone gets two things wrong behind gunicorn:

- A `Content-Length` body over the limit is refused *before it is read*. gunicorn then drains
  at most 64 KiB of the rest and closes the socket. A client that sends its whole body before
  reading (httpx, requests, fetch: no `Expect: 100-continue`) is still writing: it gets a
  reset instead of the 413, or the 413 and then a dead pooled connection for its next request.
- A chunked body is cut at the limit (Werkzeug's LimitedStream stops there without telling an
  exact-limit body from a bigger one), so a JSON route answered 400 malformed-json, not 413.

The fix, measured in p03's NOTES: read and discard an oversized body up to DRAIN_LIMIT bytes
before the app answers, so the connection stays in sync and keep-alive is safe. gunicorn ignores
a `Connection: close` set by the app (hop-by-hop headers are dropped), so "answer and close"
is not available to a WSGI app; past DRAIN_LIMIT we do not drain (it would tie up a thread) and
gunicorn closes the connection after the 413 as before. Chunked bodies are buffered up to
limit + 1 bytes, then handed on with a real Content-Length, so Werkzeug's own check raises the
413 problem wherever the body is read (every JSON route, forms, later p31 uploads).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import IO, Any

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.wsgi import get_content_length

log = logging.getLogger("flask_track.body_limit")

# How much of an oversized body we read to keep the connection usable: 8x the 1 MiB limit.
# Localhost measures ~3 ms per MiB; a slow client already holds a thread this long for a
# legitimate 1 MiB body, so the bound is a constant factor, not a new exposure.
DRAIN_LIMIT = 8 * 1024 * 1024
READ_SIZE = 64 * 1024

WsgiApp = Any  # the wrapped WSGI callable (Flask.wsgi_app)
EXTENSION = "flask_track.body_limits"


def allow_larger_bodies(app: Flask, endpoint: str, limit: int) -> None:
    """Let one endpoint take bodies up to `limit` bytes (p31's uploads), not MAX_CONTENT_LENGTH.

    The view still sets `request.max_content_length` itself; this only keeps the middleware
    from draining a body the route is allowed to read.
    """
    app.extensions.setdefault(EXTENSION, {})[endpoint] = limit


def drain(stream: IO[bytes], budget: int) -> int:
    """Read and discard up to `budget` bytes of `stream`; the number read."""
    read = 0
    while read < budget:
        data = stream.read(min(READ_SIZE, budget - read))
        if not data:
            break
        read += len(data)
    return read


def _same_limit(_environ: dict[str, Any], default: int) -> int:
    return default


class BodyLimit:
    """WSGI middleware that makes every over-limit body end in a readable 413."""

    def __init__(self, app: Flask, wsgi_app: WsgiApp) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        # Neither Content-Length nor Transfer-Encoding: no body to measure (RFC 9112 §6.3),
        # the case of nearly every GET; nothing below would act on it (see _enforce).
        if "CONTENT_LENGTH" in environ or "HTTP_TRANSFER_ENCODING" in environ:
            limit = self.app.config.get("MAX_CONTENT_LENGTH")
            drain_limit = self.app.config.get("BODY_DRAIN_LIMIT", DRAIN_LIMIT)
            if limit is not None:
                self._enforce(environ, int(limit), int(drain_limit), self._route_limit)
        body: Iterable[bytes] = self.wsgi_app(environ, start_response)
        return body

    def _route_limit(self, environ: dict[str, Any], default: int) -> int:
        """The body limit of the endpoint this request is for (routing it once more)."""
        larger: dict[str, int] = self.app.extensions.get(EXTENSION, {})
        if not larger:
            return default
        try:
            endpoint, _args = self.app.url_map.bind_to_environ(environ).match()
        except HTTPException:
            return default  # routing will answer 404/405 itself
        return larger.get(str(endpoint), default)

    @staticmethod
    def _enforce(
        environ: dict[str, Any],
        limit: int,
        drain_limit: int,
        route_limit: Callable[[dict[str, Any], int], int] | None = None,
    ) -> None:
        stream: IO[bytes] = environ["wsgi.input"]
        length = get_content_length(environ)
        if route_limit is None:
            route_limit = _same_limit
        if length is not None:
            if length > limit:
                # Only an oversized body pays for routing it: is this a route allowed more?
                limit = route_limit(environ, limit)
            if length > limit and length <= drain_limit:
                # Werkzeug still sees the Content-Length and raises 413 where the body is read.
                drain(stream, length)
                environ["wsgi.input"] = io.BytesIO()
            return
        if "wsgi.input_terminated" not in environ:
            return  # no length and no server-side framing: Werkzeug reads nothing
        if "HTTP_TRANSFER_ENCODING" not in environ:
            # Neither Content-Length nor Transfer-Encoding: the request has no body (RFC 9112
            # §6.3), whatever the server's framing flag says. Nothing to read or measure.
            return
        # Chunked: buffer up to limit + 1 bytes to tell "at the limit" from "over it".
        # gunicorn marks every request's input terminated, a GET without a body too: such a
        # request (or any body within the default limit) is never routed a second time.
        buffered = stream.read(limit + 1)
        received = len(buffered)
        if received == 0:
            return  # nothing was sent: the stream is at its end, leave the environ alone
        if received > limit:
            larger = route_limit(environ, limit)
            if larger > limit:  # a route allowed more (p31): read on, up to its limit + 1
                buffered += stream.read(larger - limit)
                received = len(buffered)
                limit = larger
        if received > limit:
            received += drain(stream, max(0, drain_limit - received))
            buffered = b""
        # The body is de-chunked now; Werkzeug ignores CONTENT_LENGTH while this says chunked.
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ.pop("wsgi.input_terminated", None)
        # A real length from here on: over the limit, Werkzeug raises its 413 on first read.
        environ["CONTENT_LENGTH"] = str(received)
        environ["wsgi.input"] = io.BytesIO(buffered)


def init_body_limit(app: Flask) -> None:
    """Wrap the app's WSGI callable; runs before Flask builds the request."""
    app.wsgi_app = BodyLimit(app, app.wsgi_app)  # type: ignore[method-assign]
