"""p42 env-vars (CATALOG Level 5): the admin sees every setting, where it came from, masked.

Rules checked (contracts/SPEC.md §p42): `GET /p42/env` (admin only: 401 with the Bearer
challenge without a token, 403 for a user) answers `{"items":[{"name","source","value"}…],
"count"}`: each setting once, its source one of `env`, `.env`, `default`; every name of the
environment interface (§0.9) is listed; secrets (`SECRET_KEY`, `JWT_SECRET_KEY`,
`ADMIN_PASSWORD`) are `***`, and no URL shows its password; no secret the harness knows is in
the body; a server the harness started reports what the harness set, from `env`; the answer
is not cached; unknown query parameters are ignored; other methods → 405.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from contracts.harness import allow_methods, case, describe, expect_json, expect_problem
from contracts.harness.plugin import Target
from contracts.level3.auth_helpers import Account, bearer, expect_token_problem

SOURCES = {"env", ".env", "default"}
# CATALOG §0 / SPEC §0.9: what every implementation reads (PORT is the harness's, not a setting).
INTERFACE = (
    "APP_ENV",
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "JWT_SECRET_KEY",
    "SMTP_HOST",
    "SMTP_PORT",
    "MAIL_FROM",
    "ADMIN_EMAIL",
    "ADMIN_PASSWORD",
    "UPLOAD_DIR",
    "OAUTH_PROVIDER_URL",
    "CORS_ORIGINS",
    "PUBLIC_URL",
    "TRUSTED_PROXY_HOPS",
)
SECRETS = ("SECRET_KEY", "JWT_SECRET_KEY", "ADMIN_PASSWORD")
MASK = "***"
# scheme://user:password@host — the password part of a URL's userinfo.
URL_PASSWORD = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@]*?:([^/?#@]*)@")


def settings(api: httpx.Client, admin: Account, **params: str) -> tuple[httpx.Response, dict]:
    """GET /p42/env as the admin → (response, {name: item}), shape checked."""
    response = api.get("/p42/env", headers=admin.headers, params=params)
    body = expect_json(response, 200)
    items = body.get("items") if isinstance(body, dict) else None
    assert isinstance(items, list) and items, describe(response, "a non-empty items list")
    assert body.get("count") == len(items), describe(response, f"count == {len(items)}")
    by_name: dict[str, dict[str, Any]] = {}
    for item in items:
        assert isinstance(item, dict) and isinstance(item.get("name"), str), describe(
            response, f"each item an object with a name (got {item!r})"
        )
        assert "source" in item and "value" in item, describe(
            response, f"{item['name']}: a source and a value"
        )
        assert item["name"] not in by_name, describe(response, f"{item['name']} listed once")
        by_name[item["name"]] = item
    return response, by_name


def harness_secrets(target: Target) -> dict[str, str]:
    """The secrets the suite knows: the admin password, and those it gave a server it started."""
    known = {name: target.served_env[name] for name in SECRETS if target.served_env.get(name)}
    if target.admin_password:
        known["ADMIN_PASSWORD"] = target.admin_password
    return known


@case("p42.settings-listed")
def test_the_admin_gets_every_setting_with_name_source_and_value(api, admin):
    """200 {"items":[{"name","source","value"}…],"count"}: each setting once."""
    settings(api, admin)


@case("p42.sources-known")
def test_every_source_is_env_dotenv_or_default(api, admin):
    """Each setting's source is one of `env`, `.env`, `default`."""
    response, by_name = settings(api, admin)
    odd = {name: item["source"] for name, item in by_name.items() if item["source"] not in SOURCES}
    assert not odd, describe(response, f"sources within {sorted(SOURCES)} (not: {odd})")


@case("p42.interface-listed")
def test_the_environment_interface_is_listed(api, admin):
    """Every name of the environment interface (§0.9) is one of the settings."""
    response, by_name = settings(api, admin)
    missing = [name for name in INTERFACE if name not in by_name]
    assert not missing, describe(response, f"settings named {missing}")


@case("p42.secrets-masked")
def test_secrets_are_shown_as_stars_and_urls_without_passwords(api, admin):
    """SECRET_KEY, JWT_SECRET_KEY and ADMIN_PASSWORD are `***`; a URL's password is `***`."""
    response, by_name = settings(api, admin)
    shown = {name: by_name.get(name, {}).get("value") for name in SECRETS}
    clear = {name: value for name, value in shown.items() if value != MASK}
    assert not clear, describe(response, f"{list(SECRETS)} all shown as {MASK!r}")
    for name, item in by_name.items():
        found = URL_PASSWORD.match(item["value"]) if isinstance(item["value"], str) else None
        assert found is None or found.group(1) == MASK, describe(
            response, f"{name}: the URL's password shown as {MASK!r}"
        )


@case("p42.no-secret-in-body")
def test_no_secret_the_suite_knows_is_in_the_body(api, admin, target):
    """The admin password (and the keys the harness gave its server) never appear."""
    known = harness_secrets(target)
    assert known, "the suite knows the admin password whenever it has an admin"
    response, _ = settings(api, admin)
    leaked = [name for name, value in known.items() if value in response.text]
    assert not leaked, describe(response, f"no clear value of {leaked} in the body")


@case("p42.served-values-from-env")
def test_a_served_app_reports_what_the_harness_set(api, admin, target):
    """Started by the harness: its interface settings come from `env`, with its values."""
    if not target.served_env:
        pytest.skip("only a server the harness started (--serve) has a known environment")
    response, by_name = settings(api, admin)
    given = [name for name in INTERFACE if name in target.served_env]
    wrong = {n: by_name.get(n, {}).get("source") for n in given}
    wrong = {n: source for n, source in wrong.items() if source != "env"}
    assert not wrong, describe(response, f"source env for {given} (not: {wrong})")
    for name in ("ADMIN_EMAIL", "MAIL_FROM"):
        assert by_name[name]["value"] == target.served_env[name], describe(
            response, f"{name} == {target.served_env[name]!r}"
        )


@case("p42.not-cached")
def test_the_answer_is_not_cached(api, admin):
    """The configuration carries `Cache-Control: no-store` (§0.8)."""
    response, _ = settings(api, admin)
    directives = response.headers.get("cache-control", "").lower()
    assert "no-store" in directives, describe(response, "Cache-Control: no-store")


@case("p42.unknown-query-ignored")
def test_unknown_query_parameters_are_ignored(api, admin):
    """?show_secrets=true&source=env changes nothing: the same names, secrets still masked."""
    _, plain = settings(api, admin)
    response, asked = settings(api, admin, show_secrets="true", source="env")
    assert sorted(asked) == sorted(plain), describe(response, f"the names {sorted(plain)}")
    assert all(asked[name]["value"] == MASK for name in SECRETS), describe(
        response, "secrets still masked"
    )


@case("p42.without-token-401")
def test_without_a_token_it_is_401(api):
    """No token → 401 token-missing with `WWW-Authenticate: Bearer`."""
    expect_token_problem(api.get("/p42/env"), "token-missing")


@case("p42.bad-token-401")
def test_a_malformed_token_is_401(api):
    """A token that is not a JWT → 401 token-invalid with the invalid_token challenge."""
    expect_token_problem(api.get("/p42/env", headers=bearer("not.a.jwt")), "token-invalid")


@case("p42.user-gets-403")
def test_a_user_gets_403(api, user):
    """A user's valid token → 403 forbidden: settings are for admins."""
    expect_problem(api.get("/p42/env", headers=user.headers), 403, "forbidden")


@case("p42.other-methods-405")
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_the_settings_are_read_only(api, admin, method):
    """POST/PUT/PATCH/DELETE /p42/env → 405 with Allow listing GET (even for the admin)."""
    response = api.request(method, "/p42/env", headers=admin.headers, json={"APP_ENV": "x"})
    expect_problem(response, 405, "method-not-allowed")
    assert "GET" in allow_methods(response), describe(response, "Allow listing GET")
