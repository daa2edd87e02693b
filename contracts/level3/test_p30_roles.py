"""p30 roles (CATALOG Level 3): GET /p30/admin/users, PATCH /p30/admin/users/{id}/role.

Role changes are serialised across pytest-xdist workers (`roles_lock`) and every case that
promotes someone demotes them again, so the target's own admin stays the one admin between
cases and reruns. Choices where the catalog is silent (NOTES.md): the list takes
`limit`/`offset` (newest first) and an optional `role` filter.
"""

from __future__ import annotations

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
)
from contracts.harness.paging import BAD_PAGING
from contracts.level3.auth_helpers import expect_token_problem, get_token


def set_role(api, actor, user_id, role):
    return api.patch(f"/p30/admin/users/{user_id}/role", headers=actor.headers, json={"role": role})


@case("p30.without-token-401")
def test_admin_routes_without_a_token_are_401(api):
    """No token → 401 token-missing on both admin routes."""
    expect_token_problem(api.get("/p30/admin/users"), "token-missing")
    response = api.patch("/p30/admin/users/1/role", json={"role": "user"})
    expect_token_problem(response, "token-missing")


@case("p30.user-gets-403")
def test_a_user_on_admin_routes_gets_403(api, user):
    """A user's valid token → 403 forbidden (not 401) on both admin routes."""
    expect_problem(api.get("/p30/admin/users", headers=user.headers), 403, "forbidden")
    expect_problem(set_role(api, user, user.id, "admin"), 403, "forbidden")
    me = api.get("/p26/me", headers=user.headers)
    assert expect_json(me, 200).get("role") == "user", describe(me, 'role still "user"')


@case("p30.admin-lists-users")
def test_the_admin_lists_users(api, admin, make_user):
    """GET /p30/admin/users (admin) → 200 {"items":[users],"count":n}, newest first."""
    fresh = make_user()
    response = api.get("/p30/admin/users", headers=admin.headers, params={"limit": 100})
    body = expect_json(response, 200)
    items = body.get("items")
    assert isinstance(items, list) and body.get("count") == len(items), describe(
        response, "items and count == len(items)"
    )
    assert any(item.get("id") == fresh.id for item in items), describe(
        response, f"the user just created ({fresh.id}) among the newest 100"
    )
    assert "password" not in response.text and "$argon2" not in response.text, describe(
        response, "no password or hash"
    )


@case("p30.bad-paging-422")
@pytest.mark.parametrize(("params", "field"), BAD_PAGING)
def test_bad_limit_or_offset_on_the_user_list_is_422(api, admin, params, field):
    """The admin's user list is a collection (§0): bad limit/offset → 422 naming it."""
    response = api.get("/p30/admin/users", headers=admin.headers, params=params)
    expect_validation_error(response, field)


@case("p30.promotion-takes-effect-at-once")
def test_a_promotion_applies_to_an_existing_token(api, admin, user, roles_lock):
    """Promote a user → their token issued BEFORE (role claim "user") reaches admin routes."""
    try:
        promoted = set_role(api, admin, user.id, "admin")
        assert expect_json(promoted, 200).get("role") == "admin", describe(promoted, "admin")
        expect_status(api.get("/p30/admin/users", headers=user.headers), 200)
    finally:
        set_role(api, admin, user.id, "user")


@case("p30.demoted-admin-token-403")
def test_a_demoted_admins_old_token_is_403(api, admin, make_user, roles_lock):
    """Promote, log in (role claim "admin"), demote → that old token gets 403 at once."""
    account = make_user()
    try:
        expect_status(set_role(api, admin, account.id, "admin"), 200)
        account.access_token = get_token(api, account.email, account.password)
        expect_status(api.get("/p30/admin/users", headers=account.headers), 200)
        expect_status(set_role(api, admin, account.id, "user"), 200)
        response = api.get("/p30/admin/users", headers=account.headers)
        expect_problem(response, 403, "forbidden")
    finally:
        set_role(api, admin, account.id, "user")


@case("p30.last-admin-409")
def test_demoting_the_last_admin_is_409(api, admin, roles_lock):
    """With the target's admin as the only admin, demoting it → 409 conflict (it stays admin).

    Admins left over from earlier runs are demoted first (under the roles lock)."""
    assert admin.id is not None, "the admin's id (GET /p26/me with the admin token)"
    for _ in range(50):  # pages of other admins, demoted one page at a time
        listed = api.get(
            "/p30/admin/users", headers=admin.headers, params={"role": "admin", "limit": 100}
        )
        others = [u["id"] for u in expect_json(listed, 200)["items"] if u["id"] != admin.id]
        if not others:
            break
        for other in others:
            expect_status(set_role(api, admin, other, "user"), 200)
    response = set_role(api, admin, admin.id, "user")
    expect_problem(response, 409, "conflict")
    expect_status(api.get("/p30/admin/users", headers=admin.headers), 200)


@case("p30.unknown-user-404")
def test_an_unknown_user_is_404(api, admin):
    """PATCH the role of an id no user has → 404 not-found."""
    expect_problem(set_role(api, admin, 2**62, "user"), 404, "not-found")


@case("p30.bad-role-422")
@pytest.mark.parametrize("role", ["superuser", "ADMIN", "", None])
def test_a_role_outside_user_admin_is_422(api, admin, user, role):
    """{"role"} other than "user"/"admin" → 422 errors.role."""
    response = set_role(api, admin, user.id, role)
    expect_validation_error(response, "role")
