"""/p06/items (201, 409, 200, 404, 204) and /p06/status/{code}: the status that tells the truth."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Response, current_app, url_for

from flask_track.concepts.p06_status_codes.schemas import (
    CODE_PARAMETER,
    STATUS_MAX,
    STATUS_MIN,
    ItemIn,
    ItemOut,
    StatusOut,
)
from flask_track.concepts.p06_status_codes.store import STORE, Item, NameTaken, StoreFull
from flask_track.core.openapi import Blueprint, ProblemSchema
from flask_track.core.problems import (
    PROBLEM_MIMETYPE,
    SLUG_FOR_STATUS,
    ProblemError,
    problem_response,
)

blp = Blueprint("p06", __name__)

# HTTP forbids content in these responses (RFC 9110 §15.3.5, §15.3.6, §15.4.5).
NO_CONTENT = frozenset({204, 205, 304})

# Headers without which these statuses are incomplete or useless to a client.
# 3xx codes get no Location: nothing here moved, and a redirect to an invented URL would teach
# clients to follow it (a 301 without Location is legal; the client just stays put).
STATUS_HEADERS: dict[int, dict[str, str]] = {
    401: {"WWW-Authenticate": "Bearer"},  # RFC 9110 §15.5.2: MUST; CATALOG §0: Bearer
    405: {"Allow": "GET, HEAD, OPTIONS"},  # §15.5.6: MUST list what this URL does allow
    # 407 would need Proxy-Authenticate (§15.5.8), but that is a hop-by-hop header: WSGI
    # forbids applications to send it and gunicorn drops it. So 407 answers without one.
    429: {"Retry-After": "1"},  # RFC 6585 §4: MAY, and the one thing a client wants to know
    503: {"Retry-After": "1"},  # §15.6.4: SHOULD
}


def _problem_with_headers(code: int) -> dict[str, Any]:
    """The documented response of one error status, with the headers it always carries."""
    return {
        "description": f"{HTTPStatus(code).phrase}, as a problem.",
        "headers": {
            name: {"required": True, "schema": {"type": "string"}} for name in STATUS_HEADERS[code]
        },
        "content": {PROBLEM_MIMETYPE: {"schema": ProblemSchema}},
    }


# Every status this route can answer, by range (explicit codes take precedence over ranges):
# `default` would say nothing in particular, and the fuzzer (scripts/fuzz.py) ignores it.
STATUS_RESPONSES_DOC: dict[str, Any] = {
    "2XX": {
        "description": "The 2xx code asked for, with a JSON body.",
        "content": {"application/json": {"schema": StatusOut}},
    },
    "3XX": {
        "description": "The 3xx code asked for, with a JSON body and no Location.",
        "content": {"application/json": {"schema": StatusOut}},
    },
    **{
        str(code): {"description": f"{HTTPStatus(code).phrase}: no body, as HTTP requires."}
        for code in sorted(NO_CONTENT)
    },
    "4XX": {
        "description": "The 4xx code asked for, as a problem.",
        "content": {PROBLEM_MIMETYPE: {"schema": ProblemSchema}},
    },
    "5XX": {
        "description": "The 5xx code asked for, as a problem (on purpose).",
        "content": {PROBLEM_MIMETYPE: {"schema": ProblemSchema}},
    },
    **{str(code): _problem_with_headers(code) for code in sorted(STATUS_HEADERS)},
}


def reason_phrase(code: int) -> str | None:
    """The registered reason phrase, or None for an unassigned code such as 299 or 599."""
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return None


def empty_response(status: int) -> Response:
    """A response with no content, and so no Content-Type describing it."""
    response = current_app.response_class(status=status)
    del response.headers["Content-Type"]
    return response


def status_problem(code: int) -> Response:
    """The problem a bare error status answers, with the headers that status requires."""
    headers = STATUS_HEADERS.get(code, {})
    detail = f"You asked for status {code}."
    slug = SLUG_FOR_STATUS.get(code)
    # A validation-error always carries `errors`; nothing was invalid, so it is empty.
    extra: dict[str, Any] = {"errors": {}} if slug == "validation-error" else {}
    return problem_response(code, slug, detail, headers=headers, **extra)


def find_item(item_id: int) -> Item:
    """The item, or the 404 problem."""
    item = STORE.get(item_id)
    if item is None:
        raise ProblemError.not_found(f"There is no item {item_id}.")
    return item


@blp.route("/items", methods=["POST"])
@blp.arguments(ItemIn)
@blp.response(
    201,
    ItemOut,
    headers={
        "Location": {
            "description": "Where the new item lives: /p06/items/{id}",
            "schema": {"type": "string"},
        }
    },
)
@blp.alt_response(409, response="CONFLICT")
@blp.alt_response(507, response="INSUFFICIENT_STORAGE")
def create_item(data: dict[str, Any]) -> tuple[Item, int, dict[str, str]]:
    """Create an item: 201 with its Location, or 409 when the name is taken."""
    try:
        item = STORE.add(data["name"])
    except NameTaken as taken:
        # 409, not 400 or 422: the request is well-formed, it clashes with the current state.
        raise ProblemError(
            409,
            "conflict",
            f"An item with this name already exists (id {taken.existing_id}).",
        ) from None
    except StoreFull:
        raise ProblemError(507, None, "The item store is full; delete some items first.") from None
    # 201, not 200: something new exists now, and Location says where.
    return item, 201, {"Location": url_for("p06.get_item", item_id=item.id)}


@blp.route("/items/<id:item_id>")
@blp.response(200, ItemOut)
def get_item(item_id: int) -> Item:
    """Return one item, or 404."""
    return find_item(item_id)


@blp.route("/items/<id:item_id>", methods=["DELETE"])
@blp.response(204, description="Deleted: no body.")
def delete_item(item_id: int) -> Response:
    """Delete an item: 204 with no body, or 404 when there is none (any more)."""
    if not STORE.delete(item_id):
        raise ProblemError.not_found(f"There is no item {item_id}.")
    return empty_response(204)


@blp.route("/status/<id:code>", parameters=[CODE_PARAMETER])
@blp.response(200, StatusOut)
@blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
@blp.doc(responses=STATUS_RESPONSES_DOC)
def status(code: int) -> Response | tuple[dict[str, Any], int]:
    """Answer with exactly the status asked for (200-599)."""
    if not STATUS_MIN <= code <= STATUS_MAX:
        # 1xx are interim responses a view cannot send as its final answer; 600+ do not exist.
        raise ProblemError.invalid_field("code", f"Must be between {STATUS_MIN} and {STATUS_MAX}.")
    if code in NO_CONTENT:
        return empty_response(code)
    if code >= 400:
        return status_problem(code)
    return {"status": code, "reason": reason_phrase(code) or "Unassigned"}, code
