"""p43 config-envs (CATALOG Level 5): which environment runs, and the backends it chose.

Rules checked (contracts/SPEC.md §p43): `GET /p43/config` answers `{"env","debug","testing",
"database_dialect","cache_backend","rate_limit_storage"}` from pinned value sets; it agrees
with what other routes show (p11's dialect, p36's cache backend) and with REDIS_URL (both the
cache and the rate-limit counters are Redis exactly when it is set); a server the harness
started runs as `testing`; no secret is in the body; unknown query parameters are ignored;
other methods → 405.
"""

from __future__ import annotations

import httpx
import pytest

from contracts.harness import allow_methods, case, describe, expect_json, expect_problem

VALUES = {
    "env": {"development", "testing", "production"},
    "debug": {True, False},
    "testing": {True, False},
    "database_dialect": {"sqlite", "postgresql"},
    "cache_backend": {"redis", "simple"},
    "rate_limit_storage": {"redis", "memory"},
}


def configuration(api: httpx.Client, **params: str) -> tuple[httpx.Response, dict]:
    """GET /p43/config → (response, body), every member present with a pinned value."""
    response = api.get("/p43/config", params=params)
    body = expect_json(response, 200)
    assert isinstance(body, dict), describe(response, "an object")
    for key, allowed in VALUES.items():
        value = body.get(key)
        # `is` for booleans: 1 and 0 are not true and false.
        ok = any(value is v if isinstance(v, bool) else value == v for v in allowed)
        assert ok, describe(response, f"{key} one of {sorted(map(str, allowed))}")
    return response, body


@case("p43.config-shape")
def test_the_configuration_has_every_member(api):
    """200 with env, debug, testing, database_dialect, cache_backend, rate_limit_storage."""
    configuration(api)


@case("p43.dialect-matches-p11")
def test_the_dialect_is_the_one_p11_reports(api):
    """database_dialect equals GET /p11/db's dialect."""
    response, body = configuration(api)
    database = expect_json(api.get("/p11/db"), 200)
    assert body["database_dialect"] == database.get("dialect"), describe(
        response, f"database_dialect == p11's {database.get('dialect')!r}"
    )


@case("p43.cache-matches-p36")
def test_the_cache_backend_is_the_one_p36_reports(api):
    """cache_backend equals GET /p36/cache's backend."""
    response, body = configuration(api)
    cache = expect_json(api.get("/p36/cache"), 200)
    assert body["cache_backend"] == cache.get("backend"), describe(
        response, f"cache_backend == p36's {cache.get('backend')!r}"
    )


@case("p43.backends-together")
def test_the_cache_and_the_counters_are_redis_together(api):
    """Both follow REDIS_URL (§0.9): both Redis, or both in-process (simple, memory)."""
    response, body = configuration(api)
    pair = (body["cache_backend"], body["rate_limit_storage"])
    assert pair in {("redis", "redis"), ("simple", "memory")}, describe(
        response, "cache_backend and rate_limit_storage both redis, or simple and memory"
    )


@case("p43.backends-follow-redis-url")
def test_the_backends_are_redis_exactly_when_redis_url_is_set(api, target):
    """Started by the harness: Redis for both when it set REDIS_URL (contracts-pg), else not."""
    if not target.served_env:
        pytest.skip("only a server the harness started (--serve) has a known REDIS_URL")
    redis = bool(target.served_env.get("REDIS_URL"))
    expected = ("redis", "redis") if redis else ("simple", "memory")
    response, body = configuration(api)
    pair = (body["cache_backend"], body["rate_limit_storage"])
    assert pair == expected, describe(response, f"{expected} (REDIS_URL set: {redis})")


@case("p43.served-as-testing")
def test_a_server_the_harness_started_runs_as_testing(api, target):
    """The harness sets APP_ENV=testing: env testing, testing true, debug false."""
    if target.served_env.get("APP_ENV") != "testing":
        pytest.skip("only a server the harness started with APP_ENV=testing")
    response, body = configuration(api)
    assert (body["env"], body["testing"], body["debug"]) == ("testing", True, False), describe(
        response, "env testing, testing true, debug false"
    )


@case("p43.no-secrets")
def test_no_secret_is_in_the_body(api, target):
    """Neither the admin password nor anything the harness gave as a secret or URL appears."""
    names = ("SECRET_KEY", "JWT_SECRET_KEY", "ADMIN_PASSWORD", "DATABASE_URL", "REDIS_URL")
    known = {name: target.served_env[name] for name in names if target.served_env.get(name)}
    if target.admin_password:
        known["the admin password"] = target.admin_password
    assert known, "the suite knows at least the admin password"
    response, _ = configuration(api)
    leaked = [name for name, value in known.items() if value in response.text]
    assert not leaked, describe(response, f"no value of {leaked} in the body")


@case("p43.unknown-query-ignored")
def test_unknown_query_parameters_are_ignored(api):
    """?env=production&debug=true answers the same configuration (a query changes nothing)."""
    _, plain = configuration(api)
    response, asked = configuration(api, env="production", debug="true")
    same = {key: plain[key] for key in VALUES}
    assert {key: asked[key] for key in VALUES} == same, describe(response, f"the same {same}")


@case("p43.other-methods-405")
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_the_configuration_is_read_only(api, method):
    """POST/PUT/PATCH/DELETE /p43/config → 405 with Allow listing GET."""
    response = api.request(method, "/p43/config", json={"env": "production"})
    expect_problem(response, 405, "method-not-allowed")
    assert "GET" in allow_methods(response), describe(response, "Allow listing GET")
