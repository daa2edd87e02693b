"""p47 dockerfile (CATALOG Level 5): GET /p47/build says which build is running.

Rules checked (contracts/SPEC.md §p47): 200 `{"version","git_sha","build_time",
"python_version"}`, all strings; `git_sha` is 40 hex digits or "unknown"; `python_version` is
`X.Y.Z`. The image itself (multi-stage, non-root, HEALTHCHECK, the production command) is
checked by the lint env (hadolint) and scripts/docker_smoke.py, not over HTTP.
"""

from __future__ import annotations

import re

from contracts.harness import case, describe, expect_json, expect_problem

SHA = re.compile(r"^([0-9a-f]{40}|unknown)$")
PYTHON = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+")


@case("p47.build-info")
def test_the_build_is_described(api):
    """GET /p47/build → version, git_sha (40 hex or "unknown"), build_time, python_version."""
    response = api.get("/p47/build")
    body = expect_json(response, 200)
    assert isinstance(body, dict), describe(response, "a JSON object")
    for member in ("version", "git_sha", "build_time", "python_version"):
        assert isinstance(body.get(member), str) and body[member], describe(
            response, f"a non-empty string {member!r}"
        )
    assert SHA.fullmatch(body["git_sha"]), describe(response, 'git_sha: 40 hex digits or "unknown"')
    assert PYTHON.match(body["python_version"]), describe(response, "python_version X.Y.Z")


@case("p47.build-post-405")
def test_the_build_is_read_only(api):
    """POST /p47/build → 405 with Allow (§0)."""
    expect_problem(api.post("/p47/build"), 405, "method-not-allowed")
