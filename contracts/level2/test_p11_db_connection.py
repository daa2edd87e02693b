"""p11 db-connection (CATALOG Level 2): GET /p11/db.

→ 200 {"dialect":"sqlite|postgresql","server_version","database","connected":true,
"latency_ms"} with any password redacted.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- `server_version` and `database` are non-empty strings (for SQLite, `database` is the file
  name, never a directory path); `latency_ms` is a number ≥ 0;
- "redacted" means no credential appears in clear anywhere in the body: a URL's userinfo
  password, if shown, is a mask made of `*` (or the word `redacted`), and so is the value of a
  `password=`-like query option;
- a database that does not answer → 503 dependency-unavailable (not testable from outside
  against a healthy server; covered by the implementation's own tests).
"""

from __future__ import annotations

import json
import re

from contracts.harness import (
    allow_methods,
    case,
    describe,
    expect_json,
    expect_problem,
    json_body,
)

# scheme://user:password@host — the password part, if any.
USERINFO_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/@\s:\"]*:([^@/\s\"]*)@", re.IGNORECASE)
QUERY_SECRET = re.compile(r"[?&](?:password|passwd|pwd|sslpassword)=([^&\s\"]*)", re.IGNORECASE)
MASK = re.compile(r"\**|(?:%2A)+|redacted|\[redacted\]|<redacted>", re.IGNORECASE)


def number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@case("p11.database-described")
def test_database_is_described(api):
    """GET /p11/db → 200 with dialect, server_version, database, connected: true, latency_ms."""
    response = api.get("/p11/db")
    body = expect_json(response, 200)
    assert isinstance(body, dict), describe(response, "a JSON object")
    assert body.get("dialect") in ("sqlite", "postgresql"), describe(
        response, 'dialect "sqlite" or "postgresql"'
    )
    for field in ("server_version", "database"):
        assert isinstance(body.get(field), str) and body[field].strip(), describe(
            response, f"{field}: a non-empty string"
        )
    assert body.get("connected") is True, describe(response, "connected: true")
    assert number(body.get("latency_ms")) and body["latency_ms"] >= 0, describe(
        response, "latency_ms: a number >= 0"
    )


@case("p11.database-is-a-name-not-a-path")
def test_database_is_a_name_not_a_path(api):
    """`database` is a name (a SQLite file name, a PostgreSQL database): no server path leaks."""
    response = api.get("/p11/db")
    body = expect_json(response, 200)
    assert isinstance(body, dict), describe(response, "a JSON object")
    database = body.get("database")
    assert isinstance(database, str) and database, describe(response, "a non-empty name")
    assert "/" not in database and "\\" not in database, describe(
        response, "a database name without / or \\ (no directories)"
    )


@case("p11.password-redacted")
def test_no_password_appears_in_clear(api):
    """No URL password or password= option in the body unless masked (*** or "redacted")."""
    response = api.get("/p11/db")
    expect_json(response, 200)
    text = json.dumps(json_body(response), ensure_ascii=False)
    for pattern in (USERINFO_PASSWORD, QUERY_SECRET):
        for found in pattern.finditer(text):
            assert MASK.fullmatch(found.group(1)), describe(
                response, f"a masked password, not {found.group(0)!r}"
            )


@case("p11.post-not-allowed")
def test_post_is_405_with_allow(api):
    """POST /p11/db → 405 method-not-allowed with an Allow header listing GET."""
    response = api.post("/p11/db", json={})
    expect_problem(response, 405, "method-not-allowed")
    assert "GET" in allow_methods(response), describe(response, "Allow to list GET")
