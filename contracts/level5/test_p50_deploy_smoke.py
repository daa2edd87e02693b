"""p50 deploy-smoke (CATALOG Level 5): the deployment test, `pytest contracts -m smoke`.

Every case here carries the `smoke` marker: pointed at a deployed instance with --base-url it
checks, in seconds, that the instance answers, knows its version, serves its documents and
can write and read a user — and it leaves nothing behind: its one user is named
`smoke-<random>@example.com` and deleted again (p26's DELETE /p26/me) before the case ends.
Rules (contracts/SPEC.md §p50): `GET /p50/version` → `{"version","git_sha"}`.
"""

from __future__ import annotations

import secrets

import pytest

from contracts.harness import case, describe, expect_json, expect_status
from contracts.level3.auth_helpers import expect_token_problem, get_token, sign_up

pytestmark = pytest.mark.smoke


@case("p50.version")
def test_the_version_is_known(api):
    """GET /p50/version → 200 {"version": non-empty string, "git_sha": string}."""
    response = api.get("/p50/version")
    body = expect_json(response, 200)
    assert isinstance(body.get("version"), str) and body["version"], describe(response, "a version")
    assert isinstance(body.get("git_sha"), str), describe(response, "a git_sha string")


@case("p50.smoke-alive-and-ready")
def test_the_instance_is_alive_and_ready(api):
    """/health 200 {"status":"ok"} and /ready 200: the process and its dependencies answer."""
    health = expect_json(api.get("/health"), 200)
    assert health.get("status") == "ok"
    expect_json(api.get("/ready"), 200)


@case("p50.smoke-documents-served")
def test_discovery_and_the_api_document_are_served(api):
    """/concepts lists p50, /openapi.json is an OpenAPI 3 document with paths."""
    listed = expect_json(api.get("/concepts"), 200)
    ids = [c.get("id") for c in listed.get("concepts", [])]
    assert "p50" in ids, f"/concepts lists p50: {ids}"
    response = api.get("/openapi.json")
    document = expect_json(response, 200)
    assert str(document.get("openapi", "")).startswith("3.") and document.get("paths"), describe(
        response, "an OpenAPI 3 document with paths"
    )


@case("p50.smoke-user-round-trip")
def test_a_user_can_sign_up_log_in_read_itself_and_leave(api):
    """Sign up a namespaced user, get a token, read /p26/me, delete it: nothing stays behind."""
    tag = secrets.token_hex(6)
    email, password = f"smoke-{tag}@example.com", f"Smoke-{tag}-pass-phrase"
    sign_up(api, email, password)
    token = get_token(api, email, password)
    headers = {"Authorization": f"Bearer {token}"}
    me = expect_json(api.get("/p26/me", headers=headers), 200)
    assert me.get("email") == email, f"/p26/me is the smoke user: {me}"
    expect_status(api.delete("/p26/me", headers=headers), 204)
    expect_token_problem(api.get("/p26/me", headers=headers), "token-invalid")
