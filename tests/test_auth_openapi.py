"""The OpenAPI document describes Level 3's bearer auth and its 401/403 answers."""

from __future__ import annotations

from flask.testing import FlaskClient
from openapi_spec_validator import validate

PROTECTED = {
    ("/p25/verify", "get"),
    ("/p26/me", "get"),
    ("/p26/me", "patch"),
    ("/p26/me", "delete"),
    ("/p29/logout", "post"),
    ("/p29/logout-all", "post"),
    ("/p30/admin/users", "get"),
    ("/p30/admin/users/{user_id}/role", "patch"),
}
ADMIN_ONLY = {("/p30/admin/users", "get"), ("/p30/admin/users/{user_id}/role", "patch")}
CREDENTIALS = {("/p23/login", "post"), ("/p24/token", "post"), ("/p27/token", "post")}


def test_bearer_scheme_and_protected_operations(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    validate(spec)
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    level3 = {
        (path, method): operation
        for path, item in spec["paths"].items()
        if path.startswith(tuple(f"/p{n}/" for n in range(21, 31)))
        for method, operation in item.items()
        if method != "parameters"
    }
    assert set(level3) >= PROTECTED
    for key, operation in level3.items():
        secured = operation.get("security") == [{"bearerAuth": []}]
        assert secured == (key in PROTECTED), key
        if key in PROTECTED:
            assert "401" in operation["responses"], key
        assert ("403" in operation["responses"]) == (key in ADMIN_ONLY), key
    for key in CREDENTIALS:
        assert {"401", "429"} <= set(level3[key]["responses"]), key
    assert level3[("/p29/logout", "post")]["requestBody"]["required"] is False
