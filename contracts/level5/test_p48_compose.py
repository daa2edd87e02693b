"""p48 compose (CATALOG Level 5): GET /p48/dependencies reports every dependency's health.

Rules checked (contracts/SPEC.md §p48): each known dependency (`database`, `redis`, `smtp`,
`queue`) is reported, either `{"configured": false}` or `{"configured": true, "ok": bool,
"latency_ms": number}`; the database is always configured; 200 when every configured one is
ok, else 503 `dependency-unavailable` (the report in its `dependencies` member). The run's
services all answer, so the contract sees the 200; the fault run (tox -e faults) sees the 503.
"""

from __future__ import annotations

from contracts.harness import case, describe, expect_json

KNOWN = ("database", "redis", "smtp", "queue")


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@case("p48.dependencies-reported")
def test_every_dependency_is_reported(api):
    """Each known dependency: configured false, or configured with ok and latency_ms."""
    response = api.get("/p48/dependencies")
    body = expect_json(response, 200)
    report = body.get("dependencies") if isinstance(body, dict) else None
    assert isinstance(report, dict), describe(response, "a dependencies object")
    for name in KNOWN:
        state = report.get(name)
        assert isinstance(state, dict) and isinstance(state.get("configured"), bool), describe(
            response, f"{name}: an object with a boolean 'configured'"
        )
        if state["configured"]:
            assert isinstance(state.get("ok"), bool) and is_number(state.get("latency_ms")), (
                describe(response, f"{name}: ok (bool) and latency_ms (number)")
            )
    assert report["database"].get("configured") is True, describe(response, "database configured")


@case("p48.all-ok-200")
def test_with_every_configured_dependency_up_the_answer_is_200(api):
    """All configured dependencies answer → 200 and each of them ok: true."""
    response = api.get("/p48/dependencies")
    body = expect_json(response, 200)
    down = [n for n, s in body["dependencies"].items() if s.get("configured") and not s.get("ok")]
    assert not down, describe(response, f"every configured dependency ok (not: {down})")
