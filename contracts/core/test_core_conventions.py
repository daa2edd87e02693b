"""CATALOG §0: conventions every implementation follows on every route.

Rules tied to a request body or a path id are checked where a concept owns such a route
(p03 bodies, p05 ids, p07 validation); the table in contracts/README.md maps each §0 rule to
its cases.
"""

from __future__ import annotations

import re

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
