"""p07 validation (CATALOG Level 1): POST /p07/registrations.

Choices where the catalog is silent (also in the Flask track's p07 NOTES.md):
- `username` is stripped of surrounding whitespace and then must be 3-30 of [a-z0-9_];
  uppercase is refused (422), not lowered: the catalog's normalization is "stripped" only.
- `email` is lower-cased; an address that is not `local@domain.tld` is refused.
- `website`, when present, is an absolute http:// or https:// URL with a host; `null` is not
  "absent" and is refused like any other non-URL.
- Boundaries are inclusive (username 3 and 30, age 13 and 120, password 8 and 128).
- Nothing is stored, so the same registration may be sent twice; the answer is not fixed
  beyond the normalized fields and the absence of the password.
"""

from __future__ import annotations

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_validation_error,
)

PASSWORD = "correct-horse-battery-staple"
PATH = "/p07/registrations"


def valid(unique, **changes):
    """A valid registration body (unique username), with some fields changed or removed."""
    body = {
        "username": f"u_{unique()}",
        "email": f"{unique()}@example.com",
        "age": 36,
        "password": PASSWORD,
        "website": "https://example.com/about",
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not ...}


# ---------------------------------------------------------------- accepted input


@case("p07.valid-201-normalized")
def test_valid_registration_is_201_with_normalized_data(api, unique):
    """A valid registration → 201 with email lower-cased and username stripped."""
    name, local = f"ada_{unique()}", f"Ada.{unique()}"
    body = valid(unique, username=f"  {name}\t", email=f"{local}@Example.COM", age=13)
    response = api.post(PATH, json=body)
    got = expect_json(response, 201)
    assert got.get("username") == name, describe(response, f"username {name!r} (stripped)")
    assert got.get("email") == f"{local}@example.com".lower(), describe(
        response, "the email lower-cased"
    )
    assert got.get("age") == 13 and got.get("website") == body["website"], describe(
        response, "age and website as sent"
    )


@case("p07.password-never-returned")
def test_password_is_not_in_the_answer(api, unique):
    """The 201 answer has no password field and nowhere contains the password."""
    response = api.post(PATH, json=valid(unique))
    got = expect_json(response, 201)
    assert "password" not in got, describe(response, "no password field")
    assert PASSWORD not in response.text, describe(response, "the password nowhere in the body")


@case("p07.website-optional")
def test_website_may_be_absent(api, unique):
    """A registration without website → 201."""
    expect_json(api.post(PATH, json=valid(unique, website=...)), 201)


@case("p07.boundaries-accepted")
@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"age": 13}, id="age-13"),
        pytest.param({"age": 120}, id="age-120"),
        pytest.param({"password": "p" * 8}, id="password-8"),
        pytest.param({"password": "p" * 128}, id="password-128"),
        pytest.param({"username": "abc"}, id="username-3"),
        pytest.param({"username": "a_" * 15}, id="username-30"),
        pytest.param({"website": "http://example.com"}, id="website-http"),
    ],
)
def test_values_on_the_boundaries_are_accepted(api, unique, changes):
    """Values exactly on each inclusive boundary → 201."""
    response = api.post(PATH, json=valid(unique, **changes))
    expect_json(response, 201)


# ---------------------------------------------------------------- refused input


@case("p07.all-errors-at-once")
def test_every_invalid_field_is_reported_at_once(api):
    """Five bad fields → one 422 whose errors name all five."""
    body = {
        "username": "A!",
        "email": "not-an-email",
        "age": 7,
        "password": "short",
        "website": "ftp://example.com",
    }
    expect_validation_error(
        api.post(PATH, json=body), "username", "email", "age", "password", "website"
    )


@case("p07.missing-fields")
def test_missing_required_fields_are_all_named(api):
    """An empty object → 422 naming username, email, age and password."""
    expect_validation_error(api.post(PATH, json={}), "username", "email", "age", "password")


@case("p07.username-invalid")
@pytest.mark.parametrize(
    "username",
    [
        pytest.param("ab", id="too-short"),
        pytest.param("a" * 31, id="too-long"),
        pytest.param("  ab  ", id="too-short-after-strip"),
        pytest.param("Ada_L", id="uppercase"),
        pytest.param("ada-l", id="hyphen"),
        pytest.param("ada l", id="inner-space"),
        pytest.param("adé_l", id="non-ascii"),
        pytest.param("", id="empty"),
    ],
)
def test_bad_username_is_422(api, unique, username):
    """A username that is not 3-30 of [a-z0-9_] after stripping → 422 naming username."""
    expect_validation_error(api.post(PATH, json=valid(unique, username=username)), "username")


@case("p07.email-invalid")
@pytest.mark.parametrize(
    "email",
    [
        pytest.param("not-an-email", id="no-at"),
        pytest.param("ada@", id="no-domain"),
        pytest.param("@example.com", id="no-local-part"),
        pytest.param("ada@example", id="no-tld"),
        pytest.param("ada @example.com", id="space"),
        pytest.param("", id="empty"),
    ],
)
def test_bad_email_is_422(api, unique, email):
    """An email that is not an address → 422 naming email."""
    expect_validation_error(api.post(PATH, json=valid(unique, email=email)), "email")


@case("p07.age-out-of-range")
@pytest.mark.parametrize("age", [12, 121, 0, -1], ids=str)
def test_age_outside_13_120_is_422(api, unique, age):
    """age outside 13-120 → 422 naming age."""
    expect_validation_error(api.post(PATH, json=valid(unique, age=age)), "age")


@case("p07.age-wrong-type")
@pytest.mark.parametrize(
    "age",
    [
        pytest.param("30", id="string"),
        pytest.param(30.0, id="float"),
        pytest.param(30.5, id="fraction"),
        pytest.param(True, id="boolean"),
        pytest.param(None, id="null"),
        pytest.param([30], id="array"),
    ],
)
def test_age_that_is_not_a_json_integer_is_422(api, unique, age):
    """age as a string, float, boolean, null or array → 422 naming age (§0 strict types)."""
    expect_validation_error(api.post(PATH, json=valid(unique, age=age)), "age")


@case("p07.string-field-wrong-type")
@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("username", 123, id="username-number"),
        pytest.param("username", ["ada"], id="username-array"),
        pytest.param("email", None, id="email-null"),
        pytest.param("password", 12345678, id="password-number"),
        pytest.param("website", {"url": "https://example.com"}, id="website-object"),
    ],
)
def test_string_field_of_another_type_is_422(api, unique, field, value):
    """A string field sent as a number, array, object or null → 422 naming it."""
    expect_validation_error(api.post(PATH, json=valid(unique, **{field: value})), field)


@case("p07.password-length")
@pytest.mark.parametrize("password", ["p" * 7, "p" * 129, ""], ids=["7", "129", "empty"])
def test_password_outside_8_128_is_422(api, unique, password):
    """A password shorter than 8 or longer than 128 characters → 422 naming password."""
    expect_validation_error(api.post(PATH, json=valid(unique, password=password)), "password")


@case("p07.website-invalid")
@pytest.mark.parametrize(
    "website",
    [
        pytest.param("ftp://example.com", id="ftp"),
        pytest.param("javascript:alert(1)", id="javascript"),
        pytest.param("example.com", id="no-scheme"),
        pytest.param("/relative/path", id="relative"),
        pytest.param("https://", id="no-host"),
        pytest.param(None, id="null"),
    ],
)
def test_website_that_is_not_an_http_url_is_422(api, unique, website):
    """website that is not an absolute http(s) URL → 422 naming website."""
    expect_validation_error(api.post(PATH, json=valid(unique, website=website)), "website")


@case("p07.nul-refused")
@pytest.mark.parametrize("field", ["username", "email", "password", "website"])
def test_nul_in_any_text_field_is_422(api, unique, field):
    """NUL (U+0000) inside any string field → 422 naming it (§0), even the never-stored password."""
    body = valid(unique)
    text = body[field]
    body[field] = text[:4] + "\u0000" + text[4:]
    expect_validation_error(api.post(PATH, json=body), field)


@case("p07.unknown-field-rejected")
@pytest.mark.parametrize("field", ["is_admin", "id", "Username"])
def test_unknown_field_is_422_naming_it(api, unique, field):
    """An extra field (no mass assignment) → 422 naming that field."""
    expect_validation_error(api.post(PATH, json=valid(unique, **{field: True})), field)


@case("p07.body-not-an-object")
@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"[]", id="array"),
        pytest.param(b'"ada"', id="string"),
        pytest.param(b"42", id="number"),
        pytest.param(b"null", id="null"),
    ],
)
def test_body_that_is_not_an_object_is_422_body(api, raw):
    """A JSON value of the wrong top-level type → 422 with errors._body (§0)."""
    response = api.post(PATH, content=raw, headers={"Content-Type": "application/json"})
    expect_validation_error(response, "_body")


@case("p07.malformed-json-400")
@pytest.mark.parametrize(
    "raw", [b'{"username": ', b"", b"{'a': 1}"], ids=["cut", "empty", "quotes"]
)
def test_malformed_json_is_400(api, raw):
    """Unparsable JSON (or an empty body) with a JSON content type → 400 malformed-json."""
    response = api.post(PATH, content=raw, headers={"Content-Type": "application/json"})
    expect_problem(response, 400, "malformed-json")


@case("p07.not-json-415")
def test_form_body_is_415(api, unique):
    """The same fields as a form → 415 unsupported-media-type."""
    body = {k: str(v) for k, v in valid(unique).items()}
    expect_problem(api.post(PATH, data=body), 415, "unsupported-media-type")
