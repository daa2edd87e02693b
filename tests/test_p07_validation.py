"""p07 white-box: normalization details and the documented constraints."""

from __future__ import annotations

from flask.testing import FlaskClient

VALID = {"username": "ada_l", "email": "a@example.com", "age": 30, "password": "p" * 8}


def test_answer_is_exactly_the_normalized_fields(client: FlaskClient) -> None:
    body = {**VALID, "username": " \tada_l\r\n", "email": "Ada@Example.COM"}
    response = client.post("/p07/registrations", json=body)
    assert response.status_code == 201
    assert response.json == {
        "username": "ada_l",
        "email": "ada@example.com",
        "age": 30,
        "website": None,
    }


def test_only_ascii_whitespace_is_stripped(client: FlaskClient) -> None:
    """U+2003 and U+001F are not stripped (JSON Schema's \\s and Python's disagree on them)."""
    for odd in ("\u2003", "\u001f", "\u0085"):
        response = client.post("/p07/registrations", json={**VALID, "username": odd + "ada_l"})
        assert response.status_code == 422, odd


def test_password_is_compared_by_characters_not_bytes(client: FlaskClient) -> None:
    """8 non-ASCII characters are 8 characters (16+ bytes) and valid."""
    response = client.post("/p07/registrations", json={**VALID, "password": "é" * 8})
    assert response.status_code == 201


def test_email_longer_than_254_is_refused(client: FlaskClient) -> None:
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".com"
    assert len(email) > 254
    response = client.post("/p07/registrations", json={**VALID, "email": email})
    assert response.status_code == 422
    assert "email" in response.json["errors"]


def test_username_errors_name_both_rules(client: FlaskClient) -> None:
    response = client.post("/p07/registrations", json={**VALID, "username": "A"})
    assert len(response.json["errors"]["username"]) == 2


def test_openapi_states_the_constraints(client: FlaskClient) -> None:
    schema = client.get("/openapi.json").json["components"]["schemas"]["p07.RegistrationIn"]
    props = schema["properties"]
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"username", "email", "age", "password"}
    assert props["username"]["pattern"] == r"^[\t\n\v\f\r ]*[a-z0-9_]{3,30}[\t\n\v\f\r ]*$"
    assert props["email"]["format"] == "email"
    assert (props["age"]["type"], props["age"]["minimum"], props["age"]["maximum"]) == (
        "integer",
        13,
        120,
    )
    assert (props["password"]["minLength"], props["password"]["maxLength"]) == (8, 128)
    assert props["password"]["writeOnly"] is True
    assert props["website"]["format"] == "uri"
