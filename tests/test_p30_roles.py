"""p30: admin-only routes, 401 vs 403, the role read from the database, the last admin."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.test_auth_support import (
    access_token,
    admin_token,
    bearer,
    expect_token_problem,
    problem,
    signup,
)


@pytest.fixture
def admin(client: FlaskClient) -> dict[str, str]:
    return bearer(admin_token(client))


def set_role(client: FlaskClient, headers: dict, user_id: int, role: str) -> object:
    return client.patch(f"/p30/admin/users/{user_id}/role", headers=headers, json={"role": role})


def test_without_a_token_it_is_401(client: FlaskClient) -> None:
    expect_token_problem(client.get("/p30/admin/users"), "token-missing")
    expect_token_problem(
        client.patch("/p30/admin/users/1/role", json={"role": "user"}), "token-missing"
    )


def test_a_user_gets_403_forbidden(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    headers = bearer(access_token(client, "ada@example.com"))
    problem(client.get("/p30/admin/users", headers=headers), 403, "forbidden")
    problem(set_role(client, headers, 1, "user"), 403, "forbidden")
    # 403 comes before body validation too: a user learns nothing about the route's rules.
    problem(set_role(client, headers, 1, "emperor"), 403, "forbidden")


def test_the_admin_lists_users_newest_first(client: FlaskClient, admin: dict) -> None:
    ids = [signup(client, f"u{n}@example.com")["id"] for n in range(3)]
    body = client.get("/p30/admin/users?limit=2", headers=admin).get_json()
    assert body["count"] == 2 and [u["id"] for u in body["items"]] == ids[::-1][:2]
    page = client.get("/p30/admin/users?limit=2&offset=2", headers=admin).get_json()
    assert [u["id"] for u in page["items"]] == [ids[0], 1]
    admins = client.get("/p30/admin/users?role=admin", headers=admin).get_json()
    assert [u["role"] for u in admins["items"]] == ["admin"]
    assert all("password_hash" not in u for u in body["items"])


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=x", "role=root"])
def test_bad_queries_are_422(client: FlaskClient, admin: dict, query: str) -> None:
    problem(client.get(f"/p30/admin/users?{query}", headers=admin), 422, "validation-error")


def test_promotion_applies_at_once_even_to_an_old_token(client: FlaskClient, admin: dict) -> None:
    user = signup(client, "ada@example.com")
    headers = bearer(access_token(client, "ada@example.com"))  # its role claim says "user"
    assert set_role(client, admin, user["id"], "admin").get_json()["role"] == "admin"
    assert client.get("/p30/admin/users", headers=headers).status_code == 200


def test_a_demoted_admins_old_token_is_403(client: FlaskClient, admin: dict) -> None:
    user = signup(client, "ada@example.com")
    set_role(client, admin, user["id"], "admin")
    headers = bearer(access_token(client, "ada@example.com"))  # its role claim says "admin"
    assert client.get("/p30/admin/users", headers=headers).status_code == 200
    assert set_role(client, admin, user["id"], "user").status_code == 200
    problem(client.get("/p30/admin/users", headers=headers), 403, "forbidden")


def test_the_last_admin_cannot_be_demoted(client: FlaskClient, admin: dict) -> None:
    problem(set_role(client, admin, 1, "user"), 409, "conflict")
    user = signup(client, "ada@example.com")
    set_role(client, admin, user["id"], "admin")
    assert set_role(client, admin, 1, "user").status_code == 200  # another admin exists now
    ada = bearer(access_token(client, "ada@example.com"))
    problem(set_role(client, ada, user["id"], "user"), 409, "conflict")  # ada is the last one
    problem(client.get("/p30/admin/users", headers=admin), 403, "forbidden")  # demoted


def test_unknown_user_is_404_and_bad_roles_are_422(client: FlaskClient, admin: dict) -> None:
    problem(set_role(client, admin, 999999, "user"), 404, "not-found")
    problem(client.patch("/p30/admin/users/abc/role", headers=admin, json={}), 404, "not-found")
    for body in ({"role": "root"}, {"role": "Admin"}, {}, {"role": "user", "x": 1}):
        response = client.patch("/p30/admin/users/1/role", headers=admin, json=body)
        problem(response, 422, "validation-error")
