"""p01 health-check (CATALOG Level 1): GET /p01/health."""

from __future__ import annotations

from contracts.harness import (
    allow_methods,
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    header_value,
)


@case("p01.health-ok")
def test_health_answers_status_version_and_uptime(api):
    """GET /p01/health → 200 {"status":"ok","version":str,"uptime_s":number}."""
    response = api.get("/p01/health")
    body = expect_json(response, 200)
    assert body.get("status") == "ok", describe(response, 'status == "ok"')
    assert isinstance(body.get("version"), str) and body["version"], describe(
        response, "a non-empty string version"
    )
    uptime = body.get("uptime_s")
    assert isinstance(uptime, int | float) and not isinstance(uptime, bool), describe(
        response, "uptime_s to be a number"
    )
    assert uptime >= 0, describe(response, "uptime_s >= 0")


@case("p01.health-not-cached")
def test_health_is_never_cached(api):
    """The health answer carries Cache-Control: no-store, so no cache replays an old one."""
    response = api.get("/p01/health")
    expect_status(response, 200)
    directives = {d.strip().lower() for d in header_value(response, "cache-control").split(",")}
    assert "no-store" in directives, describe(response, "Cache-Control containing no-store")


@case("p01.post-not-allowed")
def test_post_is_405_problem_with_allow(api):
    """POST /p01/health → 405 method-not-allowed problem, Allow lists GET."""
    response = api.post("/p01/health", json={})
    expect_problem(response, 405, "method-not-allowed")
    methods = allow_methods(response)
    assert "GET" in methods and "POST" not in methods, describe(
        response, "Allow listing GET and not POST"
    )


@case("p01.head-works")
def test_head_answers_like_get_without_a_body(api):
    """HEAD /p01/health → 200 with no body."""
    response = api.head("/p01/health")
    expect_status(response, 200)
    assert response.content == b"", describe(response, "an empty body for HEAD")
