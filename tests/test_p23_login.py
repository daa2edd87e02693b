"""p23: no user enumeration, one hash per attempt, a failed-login throttle, rehash on login."""

from __future__ import annotations

from typing import Any

import argon2
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from flask_track.extensions import db
from flask_track.shared.users import User
from tests.test_auth_support import PASSWORD, problem, signup


class CountingHasher(argon2.PasswordHasher):
    """The app's hasher, counting verifications."""

    calls = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        CountingHasher.calls += 1
        return super().verify(hash, password)


@pytest.fixture
def counting(app: Flask) -> type[CountingHasher]:
    state = app.extensions["flask_track.passwords"]  # the Passwords extension's state
    current = state.hasher
    state.hasher = CountingHasher(
        time_cost=current.time_cost,
        memory_cost=current.memory_cost,
        parallelism=current.parallelism,
    )
    CountingHasher.calls = 0
    return CountingHasher


def login(client: FlaskClient, email: str, password: str, **env: Any) -> Any:
    return client.post("/p23/login", json={"email": email, "password": password}, **env)


def test_login_answers_the_user(client: FlaskClient) -> None:
    user = signup(client, "ada@example.com")
    response = login(client, "ADA@example.com", PASSWORD)
    assert response.status_code == 200
    assert response.get_json() == {"user": user}
    assert response.headers["Cache-Control"] == "no-store"


def test_wrong_password_and_unknown_email_are_indistinguishable(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    wrong = login(client, "ada@example.com", "not the password")
    unknown = login(client, "nobody@example.com", "not the password")
    first, second = (
        problem(wrong, 401, "invalid-credentials"),
        problem(unknown, 401, "invalid-credentials"),
    )
    first.pop("request_id")
    second.pop("request_id")
    assert first == second
    assert wrong.headers["WWW-Authenticate"] == unknown.headers["WWW-Authenticate"] == "Bearer"
    skip = {"X-Request-ID", "Server-Timing"}
    assert {k: v for k, v in wrong.headers if k not in skip} == {
        k: v for k, v in unknown.headers if k not in skip
    }


@pytest.mark.parametrize("email", ["ada@example.com", "nobody@example.com"])
def test_the_hasher_runs_exactly_once_either_way(
    client: FlaskClient, counting: type[CountingHasher], email: str
) -> None:
    signup(client, "ada@example.com")
    login(client, "ada@example.com", PASSWORD)  # warms the dummy hash (made once per process)
    counting.calls = 0
    assert login(client, email, "not the password").status_code == 401
    assert counting.calls == 1


def test_five_failures_then_429_with_retry_after_even_for_the_right_password(
    client: FlaskClient,
) -> None:
    signup(client, "ada@example.com")
    for _ in range(5):
        assert login(client, "ada@example.com", "wrong password").status_code == 401
    limited = login(client, "ada@example.com", PASSWORD)
    problem(limited, 429, "rate-limited")
    assert 1 <= int(limited.headers["Retry-After"]) <= 61


def test_successes_are_not_counted(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    for _ in range(4):
        assert login(client, "ada@example.com", "wrong password").status_code == 401
    for _ in range(6):
        assert login(client, "ada@example.com", PASSWORD).status_code == 200
    assert login(client, "ada@example.com", "wrong password").status_code == 401  # the 5th
    assert login(client, "ada@example.com", PASSWORD).status_code == 429


def test_the_limit_is_per_email_and_client(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    signup(client, "bob@example.com")
    for _ in range(5):
        login(client, "ada@example.com", "wrong password")
    assert login(client, "ADA@example.com", PASSWORD).status_code == 429  # same email, any case
    assert login(client, "bob@example.com", PASSWORD).status_code == 200  # another email
    other_client = {"environ_base": {"REMOTE_ADDR": "10.0.0.9"}}
    assert login(client, "ada@example.com", PASSWORD, **other_client).status_code == 200


def test_unknown_emails_are_throttled_too(client: FlaskClient) -> None:
    for _ in range(5):
        assert login(client, "ghost@example.com", "guess").status_code == 401
    problem(login(client, "ghost@example.com", "guess"), 429, "rate-limited")


def test_the_throttle_covers_every_credential_route(client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    for path in ("/p23/login", "/p24/token", "/p28/login", "/p23/login", "/p24/token"):
        body = {"email": "ada@example.com", "password": "wrong password"}
        assert client.post(path, json=body).status_code == 401
    body = {"email": "ada@example.com", "password": PASSWORD, "expires_in": 60}
    problem(client.post("/p27/token", json=body), 429, "rate-limited")


def test_an_outdated_hash_is_upgraded_on_login(app: Flask, client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    old = argon2.PasswordHasher(time_cost=3, memory_cost=32768, parallelism=2).hash(PASSWORD)
    with app.app_context():
        db.session.execute(
            sa.update(User).where(User.email == "ada@example.com").values(password_hash=old)
        )
        db.session.commit()
    assert login(client, "ada@example.com", PASSWORD).status_code == 200
    with app.app_context():
        new = db.session.scalar(
            sa.select(User.password_hash).where(User.email == "ada@example.com")
        )
    assert new != old
    params = argon2.extract_parameters(new)
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19456, 2, 1)


def test_a_failed_login_does_not_upgrade_the_hash(app: Flask, client: FlaskClient) -> None:
    signup(client, "ada@example.com")
    old = argon2.PasswordHasher(time_cost=3, memory_cost=32768, parallelism=2).hash(PASSWORD)
    with app.app_context():
        db.session.execute(
            sa.update(User).where(User.email == "ada@example.com").values(password_hash=old)
        )
        db.session.commit()
    assert login(client, "ada@example.com", "wrong password").status_code == 401
    with app.app_context():
        assert (
            db.session.scalar(sa.select(User.password_hash).where(User.email == "ada@example.com"))
            == old
        )
