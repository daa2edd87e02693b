"""p09 request-logger (CATALOG Level 1): GET /p09/logs?request_id=X and GET /p09/lifecycle.

Choices where the catalog is silent (also in the Flask track's p09 NOTES.md):
- /p09/logs answers `{"request_id", "items": [records], "count"}`; `request_id` is required
  and must match the X-Request-ID rule ^[A-Za-z0-9._-]{1,128}$ (else 422 naming it); an id
  nobody used answers 200 with no items.
- A request's access record is written after its response is built, so it is asked for by a
  later request. The buffer is per process: those cases are `process_local`.
- Records hold the path without the query string and no request headers: a token sent in
  the query string or the Authorization header never appears in them.
- /p09/lifecycle answers `{"request_id", "hooks": [str]}`; the hook names are the
  implementation's, but the view itself is the entry "handler" and it is the last one:
  anything that runs after the view cannot appear in a body that already exists.
"""

from __future__ import annotations

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_status,
    expect_validation_error,
    header_value,
)


def records_for(api, request_id: str):
    """GET /p09/logs for one id; assert the envelope and return (response, items)."""
    response = api.get("/p09/logs", params={"request_id": request_id})
    body = expect_json(response, 200)
    assert body.get("request_id") == request_id, describe(response, f"request_id {request_id}")
    items = body.get("items")
    assert isinstance(items, list), describe(response, "an items list")
    assert body.get("count") == len(items), describe(response, "count == len(items)")
    assert all(isinstance(item, dict) for item in items), describe(response, "record objects")
    return response, items


def access_records(items, path: str):
    """The records that describe a request to `path` (method/path/status/duration)."""
    return [item for item in items if item.get("path") == path and "status" in item]


@case("p09.access-record-logged")
@pytest.mark.process_local
def test_a_request_is_logged_with_method_path_status_duration_and_id(api, unique):
    """After a request with X-Request-ID X, /p09/logs?request_id=X has its access record."""
    request_id = f"p09-{unique()}"
    expect_status(api.get("/health", headers={"X-Request-ID": request_id}), 200)
    response, items = records_for(api, request_id)
    found = access_records(items, "/health")
    assert len(found) == 1, describe(response, "exactly one access record for GET /health")
    record = found[0]
    assert record.get("method") == "GET" and record.get("status") == 200, describe(
        response, "method GET and status 200"
    )
    assert record.get("request_id") == request_id, describe(response, f"request_id {request_id}")
    duration = record.get("duration_ms")
    assert isinstance(duration, int | float) and not isinstance(duration, bool), describe(
        response, "a numeric duration_ms"
    )
    assert duration >= 0, describe(response, "duration_ms >= 0")


@case("p09.error-request-logged")
@pytest.mark.process_local
def test_an_error_response_is_logged_with_its_status(api, unique):
    """A request answered 404 is logged too, with status 404."""
    request_id = f"p09-{unique()}"
    path = f"/no-such-route-{unique()}"
    expect_status(api.get(path, headers={"X-Request-ID": request_id}), 404)
    response, items = records_for(api, request_id)
    found = access_records(items, path)
    assert len(found) == 1 and found[0].get("status") == 404, describe(
        response, f"one access record for {path} with status 404"
    )


@case("p09.no-secrets-in-records")
@pytest.mark.process_local
def test_records_hold_neither_query_string_nor_authorization(api, unique):
    """A token in the query string or Authorization header appears in no record."""
    request_id = f"p09-{unique()}"
    query_secret, header_secret = f"qs{unique()}", f"hdr{unique()}"
    expect_status(
        api.get(
            "/health",
            params={"token": query_secret},
            headers={"X-Request-ID": request_id, "Authorization": f"Bearer {header_secret}"},
        ),
        200,
    )
    response, items = records_for(api, request_id)
    assert access_records(items, "/health"), describe(response, "the access record of GET /health")
    assert query_secret not in response.text, describe(response, "no query-string token")
    assert header_secret not in response.text, describe(response, "no Authorization value")


@case("p09.unknown-id-empty")
def test_an_unused_request_id_has_no_records(api, unique):
    """/p09/logs for an id no request used → 200 with items [] and count 0."""
    response, items = records_for(api, f"never-used-{unique()}")
    assert items == [], describe(response, "no items")


@case("p09.request-id-required")
def test_logs_without_request_id_is_422(api):
    """GET /p09/logs without request_id → 422 naming request_id."""
    expect_validation_error(api.get("/p09/logs"), "request_id")


@case("p09.request-id-invalid")
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param("has space", id="space"),
        pytest.param("x" * 129, id="too-long"),
        pytest.param("semi;colon", id="semicolon"),
        pytest.param("line\nbreak", id="newline"),
    ],
)
def test_logs_with_a_malformed_request_id_is_422(api, value):
    """request_id outside ^[A-Za-z0-9._-]{1,128}$ → 422 naming request_id."""
    response = api.get("/p09/logs", params={"request_id": value})
    expect_validation_error(response, "request_id")


@case("p09.lifecycle-hooks")
def test_lifecycle_lists_the_hooks_that_ran_ending_with_the_handler(api):
    """GET /p09/lifecycle → hooks: the hooks that ran in order, the handler last."""
    response = api.get("/p09/lifecycle")
    body = expect_json(response, 200)
    hooks = body.get("hooks")
    assert isinstance(hooks, list) and all(isinstance(h, str) and h for h in hooks), describe(
        response, "hooks: a list of non-empty strings"
    )
    assert len(hooks) >= 2, describe(response, "at least one hook before the handler")
    assert hooks[-1] == "handler" and hooks.count("handler") == 1, describe(
        response, 'the handler once, as the last entry ("handler")'
    )


@case("p09.lifecycle-request-id")
def test_lifecycle_names_its_own_request_id(api, unique):
    """GET /p09/lifecycle with X-Request-ID X → request_id X in the body and the header."""
    request_id = f"p09-{unique()}"
    response = api.get("/p09/lifecycle", headers={"X-Request-ID": request_id})
    body = expect_json(response, 200)
    assert body.get("request_id") == request_id, describe(response, f"request_id {request_id}")
    assert header_value(response, "x-request-id") == request_id, describe(
        response, f"X-Request-ID: {request_id}"
    )
