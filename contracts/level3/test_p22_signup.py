"""p22 signup (CATALOG Level 3): POST /p22/signup {"email","password","display_name"?}.

Choices where the catalog is silent (NOTES.md): the email is stored lower-cased, so the answer
may show it lower-cased (the cases compare case-insensitively); an invalid email is a 422.
"""

from __future__ import annotations

import re

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
)
from contracts.level3.auth_helpers import USER_FIELDS, strong_password

ISO_WITH_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@case("p22.signup-201-user")
def test_signup_answers_the_user_without_secrets(api, unique):
    """→ 201 {"id","email","display_name","role":"user","created_at"}; no password or hash."""
    token = unique()
    email, password = f"Sign-{token}@Example.com", strong_password(token)
    response = api.post(
        "/p22/signup", json={"email": email, "password": password, "display_name": "Ada"}
    )
    body = expect_json(response, 201)
    missing = [name for name in USER_FIELDS if name not in body]
    assert not missing, describe(response, f"fields {USER_FIELDS} (missing {missing})")
    assert isinstance(body["id"], int) and not isinstance(body["id"], bool), describe(
        response, "an integer id"
    )
    assert body["email"].lower() == email.lower(), describe(response, f"email {email}")
    assert body["role"] == "user" and body["display_name"] == "Ada", describe(
        response, 'role "user", display_name "Ada"'
    )
    assert ISO_WITH_ZONE.fullmatch(str(body["created_at"])), describe(
        response, "created_at ISO 8601 with a timezone"
    )
    leaked = [k for k in body if "password" in k.lower() or "hash" in k.lower()]
    assert not leaked and password not in response.text, describe(
        response, "no password or hash in the answer"
    )
    assert "$argon2" not in response.text and "scrypt" not in response.text, describe(
        response, "no hash in the answer"
    )


@case("p22.display-name-optional")
def test_display_name_is_optional(api, unique):
    """Without display_name → 201 with display_name null."""
    token = unique()
    body = {"email": f"nod-{token}@example.com", "password": strong_password(token)}
    response = api.post("/p22/signup", json=body)
    assert expect_json(response, 201).get("display_name") is None, describe(
        response, "display_name null"
    )


@case("p22.duplicate-email-any-case-409")
@pytest.mark.parametrize("variant", ["upper", "mixed"])
def test_duplicate_email_in_another_case_is_409(api, unique, variant):
    """The same email in another case → 409 conflict."""
    token = unique()
    email = f"dup-{token}@example.com"
    first = api.post("/p22/signup", json={"email": email, "password": strong_password(token)})
    expect_status(first, 201)
    other = (
        email.upper() if variant == "upper" else email.capitalize().replace("example", "Example")
    )
    response = api.post("/p22/signup", json={"email": other, "password": strong_password(token)})
    expect_problem(response, 409, "conflict")


@case("p22.role-field-422")
@pytest.mark.parametrize("field", ["role", "id"])
def test_role_in_the_body_is_422(api, unique, field):
    """A `role` (or `id`) field → 422 naming it: no mass assignment."""
    token = unique()
    body = {"email": f"role-{token}@example.com", "password": strong_password(token)}
    response = api.post("/p22/signup", json={**body, field: "admin"})
    expect_validation_error(response, field)
    # And nothing was created: the same signup without the field succeeds.
    expect_status(api.post("/p22/signup", json=body), 201)


@case("p22.short-password-422")
def test_a_password_under_8_characters_is_422(api, unique):
    """A 7-character password → 422 errors.password."""
    body = {"email": f"short-{unique()}@example.com", "password": "Ab3$xY7"}
    expect_validation_error(api.post("/p22/signup", json=body), "password")


@case("p22.common-password-422")
@pytest.mark.parametrize("password", ["password", "12345678", "iloveyou", "Password1"])
def test_a_common_password_is_422(api, unique, password):
    """A password from the common-passwords list (any case) → 422 errors.password."""
    body = {"email": f"common-{unique()}@example.com", "password": password}
    expect_validation_error(api.post("/p22/signup", json=body), "password")


@case("p22.huge-password-refused")
def test_a_one_megabyte_password_is_refused(api, unique):
    """A 1 MB password → 413 payload-too-large or 422 validation-error, never hashed."""
    body = {"email": f"huge-{unique()}@example.com", "password": "a" * 1_000_000}
    response = api.post("/p22/signup", json=body)
    assert response.status_code in (413, 422), describe(response, "status 413 or 422")
    slug = "payload-too-large" if response.status_code == 413 else "validation-error"
    expect_problem(response, response.status_code, slug)


@case("p22.invalid-email-422")
@pytest.mark.parametrize("email", ["not-an-email", "a@", "@example.com", ""])
def test_an_invalid_email_is_422(api, unique, email):
    """An email that is not an address → 422 errors.email."""
    body = {"email": email, "password": strong_password(unique())}
    expect_validation_error(api.post("/p22/signup", json=body), "email")


@case("p22.password-nul-422")
def test_a_password_with_nul_is_422(api, unique):
    """A password containing NUL (U+0000) → 422 errors.password (§0), and no account."""
    body = {
        "email": f"nul-{unique()}@example.com",
        "password": strong_password(unique()) + "\u0000",
    }
    expect_validation_error(api.post("/p22/signup", json=body), "password")


@case("p22.display-name-nullable")
def test_display_name_null_is_no_display_name(api, unique):
    """display_name is nullable: sent as null → 201 with display_name null."""
    token = unique()
    body = {"email": f"null-{token}@example.com", "password": strong_password(token)}
    response = api.post("/p22/signup", json={**body, "display_name": None})
    assert expect_json(response, 201).get("display_name") is None, describe(
        response, "display_name null"
    )
