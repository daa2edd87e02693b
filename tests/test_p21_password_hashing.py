"""p21: argon2id at or above the OWASP floor, fresh salts, rehash detection, input limits."""

from __future__ import annotations

import time
from pathlib import Path

import argon2
import pytest
from flask.testing import FlaskClient

from flask_track import create_app
from flask_track.config import ConfigError, TestingConfig
from tests.test_auth_support import problem


def test_hash_is_argon2id_at_or_above_the_owasp_floor(client: FlaskClient) -> None:
    response = client.post("/p21/hash", json={"password": "correct horse"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["algorithm"] == "argon2id"
    params = argon2.extract_parameters(body["hash"])
    assert params.type is argon2.Type.ID
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism == 1
    assert body["parameters"] == {"memory_kib": 19456, "time_cost": 2, "parallelism": 1}
    assert response.headers["Cache-Control"] == "no-store"


def test_each_hash_has_a_fresh_salt(client: FlaskClient) -> None:
    first, second = (
        client.post("/p21/hash", json={"password": "same password"}).get_json()["hash"]
        for _ in range(2)
    )
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]  # the salt segment


def test_verify_accepts_the_password_and_refuses_another(client: FlaskClient) -> None:
    digest = client.post("/p21/hash", json={"password": "s3cret pass"}).get_json()["hash"]
    good = client.post("/p21/verify", json={"password": "s3cret pass", "hash": digest})
    bad = client.post("/p21/verify", json={"password": "s3cret pasS", "hash": digest})
    assert good.get_json() == {"valid": True, "needs_rehash": False}
    assert bad.get_json() == {"valid": False, "needs_rehash": False}


def test_needs_rehash_for_other_parameters(client: FlaskClient) -> None:
    old = argon2.PasswordHasher(time_cost=3, memory_cost=32768, parallelism=2).hash("pw")
    body = client.post("/p21/verify", json={"password": "pw", "hash": old}).get_json()
    assert body == {"valid": True, "needs_rehash": True}


@pytest.mark.parametrize(
    ("password", "status"),
    [
        pytest.param("a" * 1024, 200, id="1024-ascii-bytes"),
        pytest.param("a" * 1025, 422, id="1025-ascii-bytes"),
        pytest.param("é" * 512, 200, id="1024-bytes-of-2-byte-chars"),
        pytest.param("é" * 513, 422, id="1026-bytes-of-2-byte-chars"),
        pytest.param("", 422, id="empty"),
    ],
)
def test_password_limit_is_1024_utf8_bytes(client: FlaskClient, password: str, status: int) -> None:
    response = client.post("/p21/hash", json={"password": password})
    assert response.status_code == status
    if status == 422:
        assert "password" in response.get_json()["errors"]


def test_a_lone_surrogate_is_a_422_not_a_500(client: FlaskClient) -> None:
    response = client.post(
        "/p21/hash", data='{"password": "abc\\ud800"}', content_type="application/json"
    )
    assert problem(response, 422, "validation-error")["errors"].keys() == {"password"}


@pytest.mark.parametrize(
    "digest",
    [
        pytest.param("not a hash", id="garbage"),
        pytest.param("$2b$12$abcdefghijklmnopqrstuuQ8NB4b1ya0GWm9m9mBcFvQv5mHv6m7u", id="bcrypt"),
        # m = 4 GiB: verifying it would take the worker down, so it is refused unverified.
        pytest.param(
            "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0$ZGlnZXN0ZGlnZXN0ZGlnZXN0ZGlnZXN0",
            id="too-much-memory",
        ),
        pytest.param(
            "$argon2id$v=19$m=19456,t=100000,p=1$c2FsdHNhbHRzYWx0$ZGlnZXN0ZGlnZXN0ZGlnZXN0ZGlnZXN0",
            id="too-much-time",
        ),
    ],
)
def test_verify_refuses_hashes_it_will_not_process(client: FlaskClient, digest: str) -> None:
    started = time.perf_counter()
    response = client.post("/p21/verify", json={"password": "x", "hash": digest})
    assert problem(response, 422, "validation-error")["errors"].keys() == {"hash"}
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("variable", "value"),
    [("ARGON2_MEMORY_KIB", "8192"), ("ARGON2_TIME_COST", "1"), ("ARGON2_PARALLELISM", "0")],
)
def test_the_app_refuses_to_start_below_the_floor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match="OWASP"):
        create_app(TestingConfig())


def test_stronger_parameters_are_configurable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv("ARGON2_MEMORY_KIB", "47104")
    monkeypatch.setenv("ARGON2_TIME_COST", "3")
    app = create_app(TestingConfig())
    digest = app.test_client().post("/p21/hash", json={"password": "pw"}).get_json()["hash"]
    params = argon2.extract_parameters(digest)
    assert (params.memory_cost, params.time_cost) == (47104, 3)
