"""p26 protected-route (CATALOG Level 3): GET/PATCH/DELETE /p26/me with an access token."""

from __future__ import annotations

import pytest

from contracts.harness import case, describe, expect_json, expect_status, expect_validation_error
from contracts.level3.auth_helpers import expect_token_problem


@case("p26.me-200")
def test_me_answers_the_tokens_user(api, user):
    """GET /p26/me with a valid token → 200 the user."""
    response = api.get("/p26/me", headers=user.headers)
    body = expect_json(response, 200)
    assert body.get("id") == user.id and body.get("email", "").lower() == user.email.lower(), (
        describe(response, f"user {user.id} {user.email}")
    )


@case("p26.without-token-401")
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_me_without_a_token_is_401(api, method):
    """Any /p26/me method without a token → 401 token-missing (before any body check)."""
    body = {"display_name": "x"} if method == "PATCH" else None
    response = api.request(method, "/p26/me", json=body)
    expect_token_problem(response, "token-missing")


@case("p26.patch-display-name")
def test_patch_changes_the_display_name(api, user):
    """PATCH /p26/me {"display_name"} → 200 with it; GET shows it."""
    response = api.patch("/p26/me", headers=user.headers, json={"display_name": "Grace"})
    assert expect_json(response, 200).get("display_name") == "Grace", describe(
        response, 'display_name "Grace"'
    )
    again = api.get("/p26/me", headers=user.headers)
    assert expect_json(again, 200).get("display_name") == "Grace", describe(
        again, "the new display_name"
    )


@case("p26.patch-role-refused")
def test_patch_cannot_set_the_role(api, user):
    """PATCH /p26/me {"role":"admin"} → 422 naming role; the role stays "user"."""
    response = api.patch("/p26/me", headers=user.headers, json={"role": "admin"})
    expect_validation_error(response, "role")
    me = api.get("/p26/me", headers=user.headers)
    assert expect_json(me, 200).get("role") == "user", describe(me, 'role still "user"')


@case("p26.deleted-user-token-invalid")
def test_a_deleted_users_token_is_token_invalid(api, user):
    """DELETE /p26/me → 204; the same (unexpired) token → 401 token-invalid."""
    expect_status(api.delete("/p26/me", headers=user.headers), 204)
    expect_token_problem(api.get("/p26/me", headers=user.headers), "token-invalid")


@case("p26.patch-empty-422")
def test_an_empty_patch_is_422_body(api, user):
    """PATCH /p26/me {} → 422 with errors._body (§0: an update that changes nothing)."""
    response = api.patch("/p26/me", headers=user.headers, json={})
    expect_validation_error(response, "_body")


@case("p26.patch-display-name-null")
def test_patch_display_name_null_clears_it(api, user):
    """display_name is nullable: PATCH {"display_name": null} → 200 with display_name null."""
    expect_json(api.patch("/p26/me", headers=user.headers, json={"display_name": "Ada"}), 200)
    response = api.patch("/p26/me", headers=user.headers, json={"display_name": None})
    assert expect_json(response, 200).get("display_name") is None, describe(
        response, "display_name null"
    )
