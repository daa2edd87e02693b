"""p49 error-logging (CATALOG Level 5): each unhandled error is one redacted record, by its id.

Rules checked (contracts/SPEC.md §p49): `GET /p49/boom` answers 500 `internal-error` whose body
carries `error_id` (and no traceback); `GET /p49/errors/{error_id}` (admin) answers the record
of that error from any worker: the same `error_id`, the 500's `request_id`, `method`, `route`,
`path`, the caller's `user_id` (null without a token) and a non-empty `traceback`; nothing in
the record repeats the caller's credentials or the server's secrets; non-admins get 401/403;
unknown or malformed ids 404.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from contracts.harness import case, describe, expect_json, expect_problem
from contracts.level3.auth_helpers import bearer, expect_token_problem

LEAK_MARKERS = ("Traceback (most recent call last)", 'File "', "BoomError", "p49_error_logging")


def boom(api, headers: dict[str, str] | None = None) -> tuple[str, str]:
    """GET /p49/boom → (error_id, request_id), checked to be a 500 internal-error problem."""
    response = api.get("/p49/boom", headers=headers or {})
    body = expect_problem(response, 500, "internal-error")
    error_id = body.get("error_id")
    assert isinstance(error_id, str) and error_id, describe(response, "a non-empty error_id")
    return error_id, response.headers["X-Request-ID"]


def record_of(api, admin, error_id: str) -> dict[str, Any]:
    """The admin's view of one error record."""
    response = api.get(f"/p49/errors/{error_id}", headers=admin.headers)
    body = expect_json(response, 200)
    assert isinstance(body, dict) and body.get("error_id") == error_id, describe(
        response, f"the record of error {error_id}"
    )
    return body


@case("p49.boom-500-with-error-id")
def test_an_unhandled_error_answers_500_with_an_error_id(api):
    """GET /p49/boom → 500 internal-error with `error_id`, no traceback or internals in it."""
    response = api.get("/p49/boom")
    body = expect_problem(response, 500, "internal-error")
    assert isinstance(body.get("error_id"), str) and body["error_id"], describe(
        response, "a non-empty error_id"
    )
    leaked = [marker for marker in LEAK_MARKERS if marker in response.text]
    assert not leaked, describe(response, f"no traceback or internals in the body (found {leaked})")


@case("p49.error-ids-unique")
def test_every_error_has_its_own_id(api):
    """Two errors → two different error_ids."""
    assert boom(api)[0] != boom(api)[0]


@case("p49.record-found-by-admin")
def test_the_admin_finds_the_record_by_its_id(api, admin):
    """The record has the 500's request_id, GET, route and path /p49/boom, and a traceback."""
    error_id, request_id = boom(api)
    record = record_of(api, admin, error_id)
    expected = {
        "request_id": request_id,
        "method": "GET",
        "route": "/p49/boom",
        "path": "/p49/boom",
    }
    wrong = {k: record.get(k) for k, v in expected.items() if record.get(k) != v}
    assert not wrong, f"record of {error_id}: expected {expected}, got {wrong}\n{record}"
    assert isinstance(record.get("traceback"), str) and record["traceback"].strip(), (
        f"record of {error_id}: a non-empty traceback\n{record}"
    )


@case("p49.record-names-user")
def test_the_record_names_the_user_who_hit_the_error(api, admin, user):
    """With a user's token the record's user_id is that user; without a token it is null."""
    as_user = record_of(api, admin, boom(api, user.headers)[0])
    assert as_user.get("user_id") == user.id, f"user_id == {user.id}\n{as_user}"
    anonymous = record_of(api, admin, boom(api)[0])
    assert "user_id" in anonymous and anonymous["user_id"] is None, f"user_id null\n{anonymous}"


@case("p49.record-redacts-secrets")
def test_the_record_repeats_no_credentials_or_secrets(api, admin, user, target):
    """The caller's bearer token (boom quotes it) and the admin password never appear."""
    record = record_of(api, admin, boom(api, user.headers)[0])
    text = json.dumps(record, ensure_ascii=False)
    secrets = {"the caller's access token": user.access_token}
    if target.admin_password:
        secrets["the admin password"] = target.admin_password
    found = [name for name, value in secrets.items() if value and value in text]
    assert not found, f"the record must not contain {found}\n{text[:2000]}"


@case("p49.records-from-any-worker")
def test_twenty_errors_at_once_are_each_recorded(api, admin):
    """20 concurrent booms → 20 distinct error_ids, each record found (whichever worker)."""
    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = list(pool.map(lambda _: boom(api)[0], range(20)))
    assert len(set(ids)) == 20, f"20 distinct error ids, got {len(set(ids))}: {ids}"
    for error_id in ids:
        record_of(api, admin, error_id)


@case("p49.errors-need-a-token")
def test_reading_a_record_without_a_token_is_401(api):
    """GET /p49/errors/{id} without a token → 401 token-missing."""
    expect_token_problem(api.get(f"/p49/errors/{'0' * 32}"), "token-missing")


@case("p49.errors-admin-only")
def test_a_user_may_not_read_records(api, user):
    """A user's valid token → 403 forbidden (the record may hold other users' requests)."""
    error_id = boom(api, user.headers)[0]
    expect_problem(api.get(f"/p49/errors/{error_id}", headers=user.headers), 403, "forbidden")


@case("p49.unknown-error-404")
@pytest.mark.parametrize(
    "error_id",
    [
        pytest.param("0" * 32, id="unknown"),
        pytest.param("not-an-id", id="malformed"),
        pytest.param("%2e%2e", id="dot-dot"),
        pytest.param("x" * 300, id="very-long"),
    ],
)
def test_an_unknown_or_malformed_error_id_is_404(api, admin, error_id):
    """An id that names no record → 404 not-found (never 500)."""
    expect_problem(api.get(f"/p49/errors/{error_id}", headers=admin.headers), 404, "not-found")


@case("p49.boom-bad-token-401")
def test_boom_with_a_bad_token_is_401_not_500(api):
    """A malformed bearer token on /p49/boom → 401 token-invalid (authentication comes first)."""
    expect_token_problem(api.get("/p49/boom", headers=bearer("not.a.jwt")), "token-invalid")
