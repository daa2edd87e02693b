"""p22: signup without mass assignment, case-insensitive unique emails, weak-password rules."""

from __future__ import annotations

import argon2
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from flask_track.concepts.p22_signup import common_passwords
from flask_track.extensions import db
from flask_track.shared.users import User
from tests.test_auth_support import PASSWORD, problem, signup


def test_signup_answers_the_user_and_never_the_password(client: FlaskClient) -> None:
    body = signup(client, "Ada@Example.COM", display_name="Ada")
    assert set(body) == {"id", "email", "display_name", "role", "created_at"}
    assert body["email"] == "ada@example.com"
    assert body["role"] == "user" and body["display_name"] == "Ada"
    assert body["created_at"].endswith("+00:00")


def test_the_password_is_stored_as_an_argon2id_hash(app: Flask, client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "ada@example.com"))
        assert user is not None
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


@pytest.mark.parametrize("other", ["ADA@example.com", "ada@EXAMPLE.com", "Ada@Example.Com"])
def test_duplicate_email_in_any_case_is_409(client: FlaskClient, other: str) -> None:
    signup(client, "ada@example.com")
    response = client.post("/p22/signup", json={"email": other, "password": PASSWORD})
    problem(response, 409, "conflict")


@pytest.mark.parametrize("field", ["role", "id", "token_version", "password_hash"])
def test_fields_beyond_the_schema_are_422(app: Flask, client: FlaskClient, field: str) -> None:
    body = {"email": "eve@example.com", "password": PASSWORD, field: "admin"}
    response = client.post("/p22/signup", json=body)
    assert field in problem(response, 422, "validation-error")["errors"]
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.email == "eve@example.com")) is None


@pytest.mark.parametrize(
    "password",
    ["short", "1234567", "password", "PASSWORD123", "Qwertyuiop", "iloveyou1", "12345678"],
)
def test_weak_passwords_are_422(client: FlaskClient, password: str) -> None:
    response = client.post("/p22/signup", json={"email": "bob@example.com", "password": password})
    assert "password" in problem(response, 422, "validation-error")["errors"]


@pytest.mark.parametrize(
    ("display_name", "status"),
    [("Ada Lovelace", 201), (None, 201), ("", 422), ("x" * 101, 422), ("bell\u0007", 422)],
)
def test_display_name_rules(client: FlaskClient, display_name: str | None, status: int) -> None:
    body = {"email": "ada@example.com", "password": PASSWORD, "display_name": display_name}
    assert client.post("/p22/signup", json=body).status_code == status


def test_all_invalid_fields_are_reported_at_once(client: FlaskClient) -> None:
    response = client.post("/p22/signup", json={"email": "nope", "password": "x", "role": "admin"})
    errors = problem(response, 422, "validation-error")["errors"]
    assert {"email", "password", "role"} <= set(errors)


def test_the_common_password_list_is_reproducible_and_sized() -> None:
    shipped = common_passwords.DATA_FILE.read_text(encoding="utf-8").splitlines()
    assert shipped == common_passwords.generate()
    assert 2000 <= len(shipped) <= 20000
    assert all(len(entry) >= 8 for entry in shipped)
    assert common_passwords.is_common("PassWord1")
    assert not common_passwords.is_common(PASSWORD)


def test_concurrent_signups_with_one_email_make_one_user(app: Flask) -> None:
    import threading

    statuses: list[int] = []

    def attempt(email: str) -> None:
        statuses.append(
            app.test_client()
            .post("/p22/signup", json={"email": email, "password": PASSWORD})
            .status_code
        )

    threads = [threading.Thread(target=attempt, args=(e,)) for e in ("x@e.org", "X@E.org")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 409]


def test_hash_salt_differs_between_users_with_the_same_password(
    app: Flask, client: FlaskClient
) -> None:
    signup(client, "a@example.com")
    signup(client, "b@example.com")
    with app.app_context():
        hashes = db.session.scalars(sa.select(User.password_hash).where(User.role == "user"))
        first, second = list(hashes)
    assert first != second
    assert argon2.PasswordHasher().verify(first, PASSWORD)
