"""CATALOG §0: conventions every implementation follows on every route.

Rules tied to a request body or a path id are checked where a concept owns such a route
(p03 bodies, p05 ids, p07 validation); the table in contracts/README.md maps each §0 rule to
its cases.
"""

from __future__ import annotations

import re

import httpx
import pytest

from contracts.harness import (
    allow_methods,
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    header_value,
)
from contracts.harness.ladder import CONCEPTS

UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
SERVER_TIMING_APP = re.compile(r"(?:^|,)\s*app;dur=([0-9]+(?:\.[0-9]+)?)\s*(?:,|;|$)")

# One request of each kind: a success, a routing 404 and a 405, all produced by the app.
EVERY_KIND = [
    pytest.param("GET", "/health", 200, id="success"),
    pytest.param("GET", "/no-such-route-for-contracts", 404, id="not-found"),
    pytest.param("DELETE", "/health", 405, id="method-not-allowed"),
]


@case("core.health-ok")
def test_health_is_200_status_ok(api):
    """GET /health → 200 {"status":"ok"} (liveness)."""
    response = api.get("/health")
    body = expect_json(response, 200)
    assert body.get("status") == "ok", describe(response, 'status == "ok"')


@case("core.ready-ok")
def test_ready_is_200_when_the_database_answers(api):
    """GET /ready → 200 while the database answers (the harness's server has one)."""
    expect_status(api.get("/ready"), 200)


@case("core.concepts-listed")
def test_concepts_lists_catalog_ids_slugs_and_levels(api):
    """GET /concepts → {"implementation":str,"concepts":[{id,slug,title,level}]} per the catalog."""
    response = api.get("/concepts")
    body = expect_json(response, 200)
    assert isinstance(body.get("implementation"), str) and body["implementation"], describe(
        response, "a non-empty implementation name"
    )
    listed = body.get("concepts")
    assert isinstance(listed, list) and listed, describe(response, "a non-empty concepts list")
    ids = [item.get("id") for item in listed]
    assert len(ids) == len(set(ids)), describe(response, "each concept listed once")
    for item in listed:
        info = CONCEPTS.get(item.get("id"))
        assert info is not None, describe(response, f"only catalog ids, not {item.get('id')!r}")
        assert item.get("slug") == info.slug and item.get("level") == info.level, describe(
            response, f"{info.id}: slug {info.slug!r}, level {info.level}"
        )
        assert isinstance(item.get("title"), str) and item["title"], describe(
            response, f"{info.id}: a title"
        )


@case("core.unknown-url-404-problem")
def test_unknown_url_is_404_problem(api, unique):
    """Any unknown URL → 404 not-found as application/problem+json."""
    expect_problem(api.get(f"/no-such-route-{unique()}"), 404, "not-found")


@case("core.method-not-allowed-allow")
def test_wrong_method_is_405_with_allow(api):
    """DELETE /health → 405 method-not-allowed with an Allow header listing GET."""
    response = api.delete("/health")
    expect_problem(response, 405, "method-not-allowed")
    assert "GET" in allow_methods(response), describe(response, "Allow to list GET")


@case("core.request-id-echoed")
def test_request_id_is_echoed_when_well_formed(api, unique):
    """An incoming X-Request-ID matching ^[A-Za-z0-9._-]{1,128}$ comes back unchanged."""
    sent = f"Contract.{unique()}_-x"
    response = api.get("/health", headers={"X-Request-ID": sent})
    assert header_value(response, "x-request-id") == sent, describe(
        response, f"X-Request-ID: {sent}"
    )


@case("core.request-id-in-problem")
def test_problem_request_id_is_the_incoming_id(api, unique):
    """A problem's request_id is the (valid) incoming X-Request-ID."""
    sent = f"rid-{unique()}"
    response = api.get(f"/no-such-route-{unique()}", headers={"X-Request-ID": sent})
    body = expect_problem(response, 404, "not-found")
    assert body["request_id"] == sent, describe(response, f"request_id == {sent}")


@case("core.request-id-minted")
def test_request_id_is_a_fresh_uuid4_when_absent(api):
    """Without X-Request-ID each response carries a fresh UUID4, different every time."""
    first = header_value(api.get("/health"), "x-request-id")
    response = api.get("/health")
    second = header_value(response, "x-request-id")
    assert UUID4.fullmatch(first) and UUID4.fullmatch(second), describe(response, "UUID4 ids")
    assert first != second, describe(response, f"a new id, not {first} again")


@case("core.request-id-replaced")
@pytest.mark.parametrize(
    "sent",
    [
        pytest.param("x" * 129, id="too-long"),
        pytest.param("has space", id="space"),
        pytest.param("semi;colon", id="semicolon"),
        pytest.param("<script>", id="markup"),
    ],
)
def test_malformed_request_id_is_replaced(api, sent):
    """An X-Request-ID outside ^[A-Za-z0-9._-]{1,128}$ is replaced by a fresh UUID4."""
    response = api.get("/health", headers={"X-Request-ID": sent})
    got = header_value(response, "x-request-id")
    assert got != sent and UUID4.fullmatch(got), describe(response, "a fresh UUID4 instead")


@case("core.server-timing")
@pytest.mark.parametrize(("method", "path", "status"), EVERY_KIND)
def test_every_response_has_server_timing(api, method, path, status):
    """Every response, errors included, carries Server-Timing: app;dur=<milliseconds>."""
    response = api.request(method, path)
    expect_status(response, status)
    value = header_value(response, "server-timing")
    assert SERVER_TIMING_APP.search(value), describe(response, "Server-Timing app;dur=<number>")


@case("core.nosniff")
@pytest.mark.parametrize(("method", "path", "status"), EVERY_KIND)
def test_every_response_has_nosniff(api, method, path, status):
    """Every response, errors included, carries X-Content-Type-Options: nosniff."""
    response = api.request(method, path)
    expect_status(response, status)
    assert header_value(response, "x-content-type-options").lower() == "nosniff", describe(
        response, "X-Content-Type-Options: nosniff"
    )


@case("core.request-id-everywhere")
@pytest.mark.parametrize(("method", "path", "status"), EVERY_KIND)
def test_every_response_has_a_request_id(api, method, path, status):
    """Every response, errors included, carries an X-Request-ID."""
    response = api.request(method, path)
    expect_status(response, status)
    assert header_value(response, "x-request-id"), describe(response, "an X-Request-ID")


@case("core.cors-allowed-origin")
def test_cors_answers_a_configured_origin(api, target):
    """A request from an origin in CORS_ORIGINS gets Access-Control-Allow-Origin: <origin>."""
    response = api.get("/health", headers={"Origin": target.cors_origin})
    expect_status(response, 200)
    assert response.headers.get("access-control-allow-origin") == target.cors_origin, describe(
        response, f"Access-Control-Allow-Origin: {target.cors_origin}"
    )


@case("core.cors-preflight-allowed-origin")
def test_cors_preflight_answers_a_configured_origin(api, target):
    """A preflight from a configured origin is answered with that origin and the method."""
    response = api.options(
        "/p01/health",
        headers={"Origin": target.cors_origin, "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code in (200, 204), describe(response, "200 or 204 to a preflight")
    assert response.headers.get("access-control-allow-origin") == target.cors_origin, describe(
        response, f"Access-Control-Allow-Origin: {target.cors_origin}"
    )


@case("core.cors-other-origin-refused")
@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_cors_never_reflects_an_unlisted_origin(api, unique, method):
    """An origin not in CORS_ORIGINS is neither reflected nor answered with `*`."""
    origin = f"https://evil-{unique()}.example"
    headers = {"Origin": origin, "Access-Control-Request-Method": "GET"}
    response = api.request(method, "/health", headers=headers)
    allowed = response.headers.get("access-control-allow-origin")
    assert allowed not in (origin, "*"), describe(
        response, f"no Access-Control-Allow-Origin for {origin} (and not *)"
    )
    assert allowed is None or allowed != "null", describe(response, "no 'null' origin either")


# ---------------------------------------------------------------- bodies over the 1 MiB limit

ONE_MIB = 1024 * 1024
JSON_HEADERS = {"Content-Type": "application/json"}
# Over the limit by a byte, by 1 MiB, and by 7 MiB: a client that does not wait for
# `100-continue` (httpx, requests, fetch) is still sending when the server decides.
OVER_LIMIT = [
    pytest.param(ONE_MIB + 1, id="1MiB+1"),
    pytest.param(2 * ONE_MIB, id="2MiB"),
    pytest.param(8 * ONE_MIB, id="8MiB"),
]
PATH_PARAM = re.compile(r"\{[^}]+\}")


def json_string_of(size: int) -> bytes:
    """A valid JSON string document of exactly `size` bytes."""
    return b'"' + b"a" * (size - 2) + b'"'


def chunks_of(content: bytes, size: int = 64 * 1024):
    """The body as a generator: httpx then sends it with Transfer-Encoding: chunked."""
    for start in range(0, len(content), size):
        yield content[start : start + size]


def open_json_operations(api) -> list[tuple[str, str]]:
    """(METHOD, path) of every operation in /openapi.json that takes a JSON body and needs no
    token (a protected route may answer 401 before it reads the body); path ids are 1."""
    spec = expect_json(api.get("/openapi.json"), 200)
    found = []
    for template, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or operation.get("security"):
                continue
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                found.append((method.upper(), PATH_PARAM.sub("1", template)))
    assert found, "test setup: /openapi.json lists no JSON-body operation without security"
    return found


def send(api, method: str, path: str, **kwargs):
    """One request; a transport failure (reset, disconnect) becomes a readable assertion."""
    try:
        return api.request(method, path, **kwargs)
    except httpx.TransportError as error:
        pytest.fail(
            f"\nexpected: an HTTP answer to {method} {path}\n"
            f"got:      {type(error).__name__}: {error} (connection reset or dropped)",
            pytrace=False,
        )


@case("core.over-limit-413-readable")
@pytest.mark.parametrize("size", OVER_LIMIT)
def test_over_limit_body_gets_a_413_and_the_connection_survives(api, size):
    """A Content-Length body over 1 MiB, sent whole without `Expect: 100-continue`, is
    answered 413 payload-too-large (never a reset), and the next request on the same pooled
    connection is answered too; on every JSON route that needs no token."""
    content = json_string_of(size)
    for method, path in open_json_operations(api):
        response = send(api, method, path, content=content, headers=JSON_HEADERS)
        expect_problem(response, 413, "payload-too-large")
        expect_json(send(api, "GET", "/health"), 200)


@case("core.chunked-over-limit-413")
def test_chunked_body_over_limit_is_413_not_400(api):
    """A chunked JSON body (no Content-Length) of 1 MiB + 1 byte → 413 payload-too-large,
    not 400 malformed-json (the body cut at the limit), on every JSON route that needs no
    token."""
    content = json_string_of(ONE_MIB + 1)
    for method, path in open_json_operations(api):
        response = send(api, method, path, content=chunks_of(content), headers=JSON_HEADERS)
        assert response.request.headers.get("transfer-encoding") == "chunked", describe(
            response, "test setup: the request sent with Transfer-Encoding: chunked"
        )
        expect_problem(response, 413, "payload-too-large")


@case("core.chunked-at-limit-not-413")
def test_chunked_body_of_exactly_one_mib_is_within_the_limit(api):
    """A chunked body of exactly 1,048,576 bytes of valid JSON is within the limit: neither
    413 nor 400 on any JSON route that needs no token (the route's own rules answer)."""
    content = json_string_of(ONE_MIB)
    for method, path in open_json_operations(api):
        response = send(api, method, path, content=chunks_of(content), headers=JSON_HEADERS)
        assert response.status_code not in (400, 413), describe(
            response, "a 1 MiB valid JSON body (chunked) to be read whole: not 400 and not 413"
        )
