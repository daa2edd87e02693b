"""GET /p08/boom, /p08/domain-error and /p08/http-error/{code}: every error, one shape."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, NoReturn

from flask import Response, abort
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import default_exceptions

from flask_track.concepts.p08_error_handler.errors import (
    DomainError,
    InsufficientStock,
    check_stock,
    load_settings,
)
from flask_track.concepts.p08_error_handler.schemas import (
    CODE_PARAMETER,
    HTTP_ERROR_MAX,
    HTTP_ERROR_MIN,
    InsufficientStockProblem,
)
from flask_track.core.openapi import Blueprint, ProblemSchema
from flask_track.core.problems import (
    PROBLEM_MIMETYPE,
    SLUG_FOR_STATUS,
    ProblemError,
    problem_response,
)

blp = Blueprint("p08", __name__)

# The one place that knows how each domain error looks over HTTP: status, type slug, title.
# The domain code (errors.py) raises InsufficientStock and never mentions a status code.
DOMAIN_PROBLEMS: dict[type[DomainError], tuple[int, str, str]] = {
    InsufficientStock: (409, "insufficient-stock", "Insufficient stock"),
}
# A DomainError subclass someone forgot to map is still a refusal by a rule, not a crash.
UNMAPPED_DOMAIN_PROBLEM = (409, "conflict", "Conflict")

# What Werkzeug's exception classes need to be complete (CATALOG §0: 401 carries
# WWW-Authenticate: Bearer, 405 carries Allow). abort(code, **these) passes them on.
ABORT_ARGUMENTS: dict[int, dict[str, Any]] = {
    401: {"www_authenticate": WWWAuthenticate("bearer")},
    405: {"valid_methods": ["GET", "HEAD", "OPTIONS"]},
    429: {"retry_after": 1},
    503: {"retry_after": 1},
}
# 407 would need Proxy-Authenticate (RFC 9110 §15.5.8), but that is a hop-by-hop header:
# WSGI forbids an application to send it and gunicorn drops it (the test client keeps it, so
# only the served app shows the difference). So 407 answers without one, as p06's does.


# Header names each error status carries here (from ABORT_ARGUMENTS).
HEADERS_BY_STATUS: dict[int, tuple[str, ...]] = {
    401: ("WWW-Authenticate",),
    405: ("Allow",),
    429: ("Retry-After",),
    503: ("Retry-After",),
}


def _problem_doc(description: str, headers: tuple[str, ...] = ()) -> dict[str, Any]:
    """A documented problem response, with the headers it always carries."""
    doc: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_MIMETYPE: {"schema": ProblemSchema}},
    }
    if headers:
        doc["headers"] = {h: {"required": True, "schema": {"type": "string"}} for h in headers}
    return doc


# Every status /http-error/{code} answers, by range; explicit codes list their headers.
HTTP_ERROR_RESPONSES_DOC: dict[str, Any] = {
    "4XX": _problem_doc("The 4xx code asked for, as a problem."),
    "5XX": _problem_doc("The 5xx code asked for, as a problem (on purpose)."),
    **{
        str(code): _problem_doc(f"{HTTPStatus(code).phrase}, as a problem.", names)
        for code, names in HEADERS_BY_STATUS.items()
    },
}


@blp.app_errorhandler(DomainError)
def handle_domain_error(error: DomainError) -> Response:
    """Map a domain exception to its problem. `app_` : it applies to every route of the app.

    Flask picks the handler registered for the closest class in the exception's MRO, so this
    one wins over core's catch-all `Exception` handler (which would answer 500).
    """
    status, slug, title = DOMAIN_PROBLEMS.get(type(error), UNMAPPED_DOMAIN_PROBLEM)
    # The message of a DomainError is written for clients; a bug's message never is (boom).
    return problem_response(status, slug, str(error), title=title, **error.details())


@blp.route("/boom")
@blp.alt_response(500, response="INTERNAL_SERVER_ERROR")
def boom() -> NoReturn:
    """Fail with an unexpected exception on purpose: always 500 internal-error, nothing leaked."""
    load_settings()
    raise AssertionError("unreachable")  # pragma: no cover - load_settings always raises


@blp.route("/domain-error")
@blp.alt_response(
    409, schema=InsufficientStockProblem, content_type=PROBLEM_MIMETYPE, description="Conflict"
)
def domain_error() -> NoReturn:
    """Break a business rule on purpose: 409 insufficient-stock, mapped from a domain exception."""
    check_stock("p08-widget", 5)
    raise AssertionError("unreachable")  # pragma: no cover - only 2 widgets are in stock


@blp.route("/http-error/<id:code>", parameters=[CODE_PARAMETER])
@blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
@blp.doc(responses=HTTP_ERROR_RESPONSES_DOC)
def http_error(code: int) -> NoReturn:
    """Raise an HTTP error on purpose (400-599): that status, as a problem."""
    if not HTTP_ERROR_MIN <= code <= HTTP_ERROR_MAX:
        raise ProblemError.invalid_field(
            "code", f"Must be between {HTTP_ERROR_MIN} and {HTTP_ERROR_MAX}."
        )
    if code in default_exceptions:
        # Flask's abort() raises Werkzeug's exception class for the code; core's
        # HTTPException handler renders it (and its Allow/Retry-After/... headers).
        abort(
            code, description=f"Raised on purpose: abort({code}).", **ABORT_ARGUMENTS.get(code, {})
        )
    # Werkzeug has no class for this code (402, 407, 507, or an unassigned 499): our own.
    raise ProblemError(
        code,
        SLUG_FOR_STATUS.get(code),
        f"Raised on purpose: ProblemError({code}).",
    )
