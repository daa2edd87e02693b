"""Assertions shared by every contract: status, JSON, problem details, headers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import httpx

from contracts.harness.http import describe, json_body

PROBLEM_TYPE = "application/problem+json"
JSON_TYPE = "application/json"

# CATALOG §0 (pinned; SPEC.md §0.4): the named problem a problem answered for its status alone
# uses; every other status is about:blank.
STATUS_SLUGS = {
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


def status_slug(status: int) -> str:
    """The `type` slug §0 gives a plain error of this status (`about:blank` if none)."""
    return STATUS_SLUGS.get(status, "about:blank")


def media_type(response: httpx.Response) -> str:
    """The media type of the response without parameters, lower-cased."""
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def expect_status(response: httpx.Response, status: int) -> None:
    """Assert the status code, showing the whole exchange when it differs."""
    assert response.status_code == status, describe(response, f"status {status}")


def expect_json(response: httpx.Response, status: int) -> Any:
    """Assert status and an application/json body; return the parsed body."""
    expect_status(response, status)
    assert media_type(response) == JSON_TYPE, describe(response, f"Content-Type {JSON_TYPE}")
    return json_body(response)


def type_matches(value: Any, slug: str) -> bool:
    """`type` is `about:blank`, or a URI reference whose path is /problems/<slug>.

    Relative (`/problems/not-found`) and absolute (`https://x.example/problems/not-found`)
    references are both RFC 9457-valid; the catalog's slug is what is fixed.
    """
    if not isinstance(value, str):
        return False
    if slug == "about:blank":
        return value == "about:blank"
    return value == f"/problems/{slug}" or bool(
        re.fullmatch(rf"[a-z][a-z0-9+.-]*://[^/]+/problems/{re.escape(slug)}", value)
    )


def expect_problem(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    """Assert an RFC 9457 problem: status, media type, members, `type` slug, request id.

    `slug` is the catalog's problem slug (`not-found`) or `about:blank`.
    """
    expect_status(response, status)
    assert media_type(response) == PROBLEM_TYPE, describe(response, f"Content-Type {PROBLEM_TYPE}")
    body = json_body(response)
    assert isinstance(body, dict), describe(response, "a JSON object")
    for member, kind in (("type", str), ("title", str), ("detail", str), ("request_id", str)):
        assert isinstance(body.get(member), kind), describe(
            response, f"member {member!r} of type {kind.__name__}"
        )
    assert body.get("status") == status and not isinstance(body.get("status"), bool), describe(
        response, f"member status == {status} (an integer equal to the HTTP status)"
    )
    assert type_matches(body["type"], slug), describe(
        response, f"type {'about:blank' if slug == 'about:blank' else '/problems/' + slug}"
    )
    assert body["request_id"] == response.headers.get("x-request-id"), describe(
        response, "request_id equal to the X-Request-ID header"
    )
    # CATALOG §0: the headers these statuses always carry, wherever they come from.
    if status == 405:
        assert allow_methods(response), describe(response, "405 with an Allow header")
    if status == 401:
        challenge = header_value(response, "www-authenticate").split()
        assert challenge and challenge[0].lower() == "bearer", describe(
            response, "401 with WWW-Authenticate: Bearer ... (RFC 6750)"
        )
    return body


def expect_validation_error(response: httpx.Response, *fields: str) -> dict[str, list[str]]:
    """Assert a 422 validation-error whose `errors` names at least these fields."""
    body = expect_problem(response, 422, "validation-error")
    errors = body.get("errors")
    assert isinstance(errors, dict), describe(response, "an `errors` object")
    for name, messages in errors.items():
        assert isinstance(messages, list) and messages, describe(
            response, f"errors[{name!r}] to be a non-empty list of messages"
        )
        assert all(isinstance(m, str) for m in messages), describe(
            response, f"errors[{name!r}] to hold strings"
        )
    missing = [name for name in fields if name not in errors]
    assert not missing, describe(response, f"errors naming {list(fields)} (missing {missing})")
    return errors


def aware_time(value: Any) -> datetime | None:
    """CATALOG §0: an ISO 8601 timestamp with a UTC offset, parsed; None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def header_value(response: httpx.Response, name: str) -> str:
    """A header that must be present; its value."""
    value = response.headers.get(name)
    assert value is not None, describe(response, f"a {name} header")
    return value


def allow_methods(response: httpx.Response) -> set[str]:
    """The methods an Allow header lists, upper-cased."""
    return {m.strip().upper() for m in header_value(response, "allow").split(",") if m.strip()}
