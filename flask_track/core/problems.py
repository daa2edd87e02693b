"""RFC 9457 problem details: one way to build them, one set of handlers that renders every error.

Every error leaves the app through `problem_response()`, whatever raised it: Werkzeug routing
(404/405), body limits (413), our strict JSON reader (400/415), flask-smorest validation (422),
a view raising `ProblemError`, or an unexpected exception (500, logged, never leaked).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, current_app, g, json, request
from werkzeug.exceptions import HTTPException

from flask_track.core.dependencies import unavailable_dependency
from flask_track.core.logging import redacted_headers
from flask_track.core.request_id import current_request_id

PROBLEM_MIMETYPE = "application/problem+json"

log = logging.getLogger("flask_track.errors")

# Werkzeug status -> the named problem slug used for it (CATALOG §0). Others are about:blank.
SLUG_FOR_STATUS: dict[int, str] = {
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    412: "precondition-failed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    500: "internal-error",
    503: "dependency-unavailable",
}


def status_phrase(status: int) -> str:
    """The reason phrase of a status; codes nobody registered (499, 599) get a generic one."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unassigned status"


class ProblemError(Exception):
    """Raise from anywhere in a request to answer with a problem+json response."""

    def __init__(
        self,
        status: int,
        slug: str | None = None,
        detail: str | None = None,
        *,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or title or status_phrase(status))
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title
        self.headers = dict(headers or {})
        self.extra = extra

    @classmethod
    def invalid_field(cls, field: str, message: str) -> ProblemError:
        """422 `validation-error` for one field a schema could not check (a path value...)."""
        return cls(
            422, "validation-error", f"{field} is invalid; see errors.", errors={field: [message]}
        )

    @classmethod
    def not_found(cls, detail: str) -> ProblemError:
        """404 `not-found`: the one answer for a resource that does not exist."""
        return cls(404, "not-found", detail)


def problem_type(slug: str | None) -> str:
    """The `type` URI of a named problem; plain HTTP errors are `about:blank`."""
    return f"/problems/{slug}" if slug else "about:blank"


def problem_response(
    status: int,
    slug: str | None = None,
    detail: str | None = None,
    *,
    title: str | None = None,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    **extra: Any,
) -> Response:
    """Build an application/problem+json response."""
    phrase = status_phrase(status)
    body: dict[str, Any] = {
        "type": problem_type(slug),
        "title": title or phrase,
        "status": status,
        "detail": detail or f"{phrase}.",
        "request_id": current_request_id(),
    }
    body.update(extra)
    response = current_app.response_class(
        json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE
    )
    if headers:
        items = headers.items() if isinstance(headers, Mapping) else headers
        for name, value in items:
            if name.lower() != "content-type":
                response.headers[name] = value
    return response


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow/webargs messages into CATALOG's flat `errors` object.

    Nested fields become `a.b`, list items `tags.0`; a schema-level error (`_schema`) belongs
    to the object it was raised on, and at the top level that object is the body: `_body`.
    """
    if not isinstance(messages, Mapping):
        items = messages if isinstance(messages, list | tuple) else [messages]
        return {prefix or "_body": [str(item) for item in items]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        if key == "_schema":
            name = prefix or "_body"
        else:
            name = f"{prefix}.{key}" if prefix else str(key)
        for field, errors in flatten_errors(value, name).items():
            flat.setdefault(field, []).extend(errors)
    return flat


LOCATIONS = ("json", "query", "querystring", "path", "view_args", "form", "files", "headers")


def _validation_errors(error: HTTPException) -> dict[str, list[str]]:
    messages = (getattr(error, "data", None) or {}).get("messages", {})
    flat: dict[str, list[str]] = {}
    for location, fields in messages.items():
        if location in LOCATIONS:
            flat.update(flatten_errors(fields))
        else:
            flat.update(flatten_errors({location: fields}))
    return flat


def handle_problem_error(error: ProblemError) -> Response:
    """A view or helper asked for a specific problem."""
    return problem_response(
        error.status,
        error.slug,
        error.detail,
        title=error.title,
        headers=error.headers,
        **error.extra,
    )


def handle_http_exception(error: HTTPException) -> Response:
    """Werkzeug/Flask/flask-smorest HTTP errors, rendered as problems."""
    status = error.code or 500
    if status == 422:
        return problem_response(
            422,
            "validation-error",
            "The request has invalid fields; see errors.",
            errors=_validation_errors(error),
        )
    # get_headers() carries Allow for 405, Retry-After for 429/503, WWW-Authenticate for 401.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    detail = error.description if status < 500 else None
    return problem_response(status, SLUG_FOR_STATUS.get(status), detail, headers=headers)


def handle_unexpected(error: Exception) -> Response:
    """Anything else is a bug: log it with its traceback, answer 500 without a leak."""
    if isinstance(error, HTTPException):  # pragma: no cover - routed above by Flask
        return handle_http_exception(error)
    dependency = unavailable_dependency(error)
    if dependency is not None:
        # A dead database or Redis is not a bug: 503, so clients retry (the fault run checks it).
        log.error("dependency unavailable", extra={"fields": {"dependency": dependency}})
        return problem_response(
            503,
            "dependency-unavailable",
            f"A service this route needs ({dependency}) does not answer; retry shortly.",
            headers={"Retry-After": "5"},
        )
    # The error's id: in the 500 body and in the one log record that holds the traceback, so
    # whoever got the 500 can hand over an id and an operator finds the record (p49).
    error_id = uuid.uuid4().hex
    rule = request.url_rule.rule if request.url_rule is not None else None
    log.error(
        "unhandled exception",
        exc_info=error,
        extra={
            "fields": {
                "request_id": current_request_id(),
                "error_id": error_id,
                "error_type": type(error).__name__,
                "method": request.method,
                "route": rule,
                "path": request.path,
                "headers": redacted_headers(request.headers),
            }
        },
    )
    g.unhandled_error = error
    return problem_response(
        500,
        "internal-error",
        "The server hit an unexpected error; it has been logged.",
        error_id=error_id,
    )


def init_problems(app: Flask) -> None:
    """Register the handlers that turn every error source into problem+json."""
    app.register_error_handler(ProblemError, handle_problem_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
