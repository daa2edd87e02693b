"""p21 password-hashing (CATALOG Level 3): POST /p21/hash, POST /p21/verify.

Choices where the catalog is silent (NOTES.md): a hash that is not a supported PHC string, or
whose cost parameters exceed what the server agrees to compute (e.g. argon2 m = 4 GiB), is a
422 on `hash` - verifying it would let one request exhaust the server's memory or CPU.
"""

from __future__ import annotations

import pytest

from contracts.harness import case, describe, expect_json, expect_validation_error

# argon2id with m = 8 KiB, t = 1, p = 1 (far below OWASP's floor) of "legacy password".
WEAK_ARGON2 = (
    "$argon2id$v=19$m=8,t=1,p=1$vRMue1Jj2JiYcyM2FKsAiA$V9poX1Wgdi4ACb/BzGvAVlj56EIevtpFtqUjADwWyH0"
)
HUGE_ARGON2 = "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0$ZGlnZXN0ZGlnZXN0ZGlnZXN0ZGlnZXN0"


def make_hash(api, password: str) -> dict:
    response = api.post("/p21/hash", json={"password": password})
    body = expect_json(response, 200)
    assert isinstance(body.get("hash"), str) and body["hash"], describe(response, "a hash")
    return body


@case("p21.hash-is-argon2id-or-scrypt")
def test_hash_names_a_slow_password_hash(api, unique):
    """POST /p21/hash → 200 {"hash","algorithm"}; algorithm argon2id or scrypt, in the hash."""
    body = make_hash(api, f"pw-{unique()}")
    assert body.get("algorithm") in ("argon2id", "scrypt"), describe_body(body)
    prefix = "$argon2id$" if body["algorithm"] == "argon2id" else "scrypt"
    assert prefix in body["hash"], describe_body(body)


def describe_body(body: dict) -> str:
    return f"\nexpected: algorithm argon2id (hash $argon2id$...) or scrypt\ngot: {body}"


@case("p21.fresh-salt-each-call")
def test_the_same_password_hashes_differently_each_time(api, unique):
    """Two hashes of one password differ: a fresh random salt per call."""
    password = f"same-{unique()}"
    first, second = make_hash(api, password)["hash"], make_hash(api, password)["hash"]
    assert first != second, f"\nexpected: two different hashes\ngot: {first} twice"


@case("p21.verify-right-password")
def test_verify_accepts_the_password(api, unique):
    """POST /p21/verify with the hashed password → {"valid":true,"needs_rehash":false}."""
    password = f"right-{unique()}"
    digest = make_hash(api, password)["hash"]
    response = api.post("/p21/verify", json={"password": password, "hash": digest})
    body = expect_json(response, 200)
    assert body.get("valid") is True, describe(response, "valid true")
    assert body.get("needs_rehash") is False, describe(
        response, "needs_rehash false for a hash the server just made"
    )


@case("p21.verify-wrong-password")
def test_verify_refuses_another_password(api, unique):
    """POST /p21/verify with another password → valid false."""
    digest = make_hash(api, f"right-{unique()}")["hash"]
    response = api.post("/p21/verify", json={"password": "wrong-password", "hash": digest})
    body = expect_json(response, 200)
    assert body.get("valid") is False, describe(response, "valid false")
    assert isinstance(body.get("needs_rehash"), bool), describe(response, "needs_rehash bool")


@case("p21.needs-rehash-for-weak-parameters")
def test_a_hash_with_weak_parameters_needs_rehash(api, unique):
    """An argon2id hash with m=8 KiB, t=1 verifies but needs_rehash is true (argon2id servers)."""
    if make_hash(api, f"x-{unique()}").get("algorithm") != "argon2id":
        pytest.skip("the server hashes with scrypt: argon2 parameters do not apply")
    response = api.post("/p21/verify", json={"password": "legacy password", "hash": WEAK_ARGON2})
    body = expect_json(response, 200)
    assert body.get("valid") is True and body.get("needs_rehash") is True, describe(
        response, "valid true and needs_rehash true"
    )


@case("p21.password-over-1024-bytes-422")
@pytest.mark.parametrize(
    "password",
    [
        pytest.param("a" * 1025, id="1025-ascii"),
        pytest.param("é" * 513, id="1026-bytes-utf8"),
        pytest.param("a" * 1_000_000, id="one-megabyte"),
    ],
)
@pytest.mark.parametrize("path", ["/p21/hash", "/p21/verify"])
def test_passwords_over_1024_bytes_are_refused(api, path, password):
    """A password over 1,024 bytes (UTF-8) → 422 errors.password, on both routes."""
    response = api.post(
        path,
        json={"password": password, "hash": WEAK_ARGON2}
        if path.endswith("verify")
        else {"password": password},
    )
    expect_validation_error(response, "password")


@case("p21.password-of-1024-bytes-ok")
def test_a_password_of_exactly_1024_bytes_is_hashed(api):
    """1,024 bytes of 2-byte characters is within the limit → 200."""
    make_hash(api, "é" * 512)


@case("p21.missing-fields-422")
def test_missing_fields_are_422(api):
    """POST /p21/verify {} → 422 naming password and hash."""
    expect_validation_error(api.post("/p21/verify", json={}), "password", "hash")


@case("p21.unsupported-hash-422")
@pytest.mark.parametrize(
    "digest",
    [pytest.param("not-a-hash", id="garbage"), pytest.param(HUGE_ARGON2, id="m-4-gib")],
)
def test_hashes_the_server_will_not_verify_are_422(api, digest):
    """Garbage, or argon2 parameters too costly to compute (m = 4 GiB) → 422 errors.hash."""
    response = api.post("/p21/verify", json={"password": "x", "hash": digest})
    expect_validation_error(response, "hash")


@case("p21.password-nul-422")
@pytest.mark.parametrize("path", ["/p21/hash", "/p21/verify"])
def test_a_password_with_nul_is_422(api, path):
    """A password containing NUL (U+0000) → 422 errors.password on both routes (§0)."""
    body = {"password": "before\u0000after"}
    if path.endswith("verify"):
        body["hash"] = WEAK_ARGON2
    expect_validation_error(api.post(path, json=body), "password")
