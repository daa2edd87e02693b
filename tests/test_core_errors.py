"""Every error source renders RFC 9457 problem+json (CATALOG §0), on test-only routes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from flask_track.core.fields import QueryInteger, StrictInteger
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import api

PROBLEM = "application/problem+json"
LEAKY = "secret-token-123 SELECT * FROM users WHERE password = '/etc/passwd'"


class InnerIn(Schema):
    b = StrictInteger(required=True)


class ThingIn(Schema):
    a = fields.Nested(InnerIn, required=True)
    n = StrictInteger(required=True, validate=validate.Range(min=0, max=10))
    tags = fields.List(fields.String(validate=validate.Length(max=3)))

    @validates_schema
    def _n_not_thirteen(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("n") == 7:
            raise ValidationError("n must not be 7 (a rule over the whole body).")


class PageQuery(Schema):
    limit = QueryInteger(validate=validate.Range(min=1, max=100))


@pytest.fixture
def error_app(app: Flask) -> Flask:
    """The testing app plus test-only routes under /t (each raises one kind of error)."""
    blp = Blueprint("t_errors", __name__)

    @blp.route("/things", methods=["POST"])
    @blp.arguments(ThingIn)
    @blp.response(201)
    def create(body: dict[str, Any]) -> dict[str, Any]:
        """Accept a thing."""
        return body

    @blp.route("/things/<id:thing_id>")
    @blp.response(200)
    def read(thing_id: int) -> dict[str, int]:
        """Echo an id."""
        return {"id": thing_id}

    @blp.route("/page")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200)
    def page(query: dict[str, Any]) -> dict[str, Any]:
        """Echo the page query."""
        return query

    @blp.route("/boom")
    def boom() -> None:
        """Fail like a bug does."""
        raise RuntimeError(LEAKY)

    @blp.route("/conflict")
    def conflict() -> None:
        """Raise a named problem with extra members and headers."""
        raise ProblemError(409, "conflict", "Taken.", headers={"X-Extra": "1"}, field="name")

    api.register_blueprint(blp, url_prefix="/t")
    return app


@pytest.fixture
def tc(error_app: Flask) -> FlaskClient:
    return error_app.test_client()


def problem(response: Any, status: int, slug: str | None) -> dict[str, Any]:
    """Assert the problem envelope and return the body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status
    assert body["type"] == (f"/problems/{slug}" if slug else "about:blank")
    assert isinstance(body["title"], str) and isinstance(body["detail"], str)
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


def test_unknown_url_is_404_problem(tc: FlaskClient):
    problem(tc.get("/no/such/route"), 404, "not-found")


def test_wrong_method_is_405_problem_with_allow(tc: FlaskClient):
    response = tc.delete("/health")
    problem(response, 405, "method-not-allowed")
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert "GET" in allowed and "DELETE" not in allowed


def test_body_over_one_mib_is_413(tc: FlaskClient):
    body = json.dumps({"pad": "x" * (1024 * 1024)})
    response = tc.post("/t/things", data=body, content_type="application/json")
    problem(response, 413, "payload-too-large")


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_body_that_is_not_json_is_415(tc: FlaskClient, content_type: str | None):
    kwargs = {"content_type": content_type} if content_type else {}
    response = tc.post("/t/things", data=b'{"a":{"b":1},"n":1}', **kwargs)
    problem(response, 415, "unsupported-media-type")


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b'{"a": }', b"NaN", b'{"n": 1e999}', b"\xff\xfe", b"[" * 100_000],
    ids=["empty", "unterminated", "broken", "nan", "overflow", "not-utf8", "too-deep"],
)
def test_malformed_json_is_400(tc: FlaskClient, raw: bytes):
    response = tc.post("/t/things", data=raw, content_type="application/json")
    problem(response, 400, "malformed-json")


def test_json_with_charset_is_still_json(tc: FlaskClient):
    response = tc.post(
        "/t/things",
        data=b'{"a":{"b":1},"n":1}',
        content_type="application/json; charset=utf-8",
    )
    assert response.status_code == 201


def test_validation_errors_are_flat_and_all_reported_at_once(tc: FlaskClient):
    response = tc.post("/t/things", json={"a": {"b": "1"}, "n": 30.0, "tags": ["ok", "long"]})
    errors = problem(response, 422, "validation-error")["errors"]
    assert set(errors) == {"a.b", "n", "tags.1"}
    assert all(
        isinstance(m, list) and m and all(isinstance(x, str) for x in m) for m in errors.values()
    )


def test_missing_nested_and_unknown_fields_are_named(tc: FlaskClient):
    response = tc.post("/t/things", json={"a": {}, "role": "admin"})
    errors = problem(response, 422, "validation-error")["errors"]
    assert {"a.b", "n", "role"} <= set(errors)


@pytest.mark.parametrize("value", [[], "x", 1, None, True])
def test_wrong_top_level_type_is_422_body(tc: FlaskClient, value: Any):
    response = tc.post("/t/things", data=json.dumps(value), content_type="application/json")
    assert set(problem(response, 422, "validation-error")["errors"]) == {"_body"}


def test_schema_level_rule_is_reported_on_body(tc: FlaskClient):
    response = tc.post("/t/things", json={"a": {"b": 1}, "n": 7})
    assert set(problem(response, 422, "validation-error")["errors"]) == {"_body"}


@pytest.mark.parametrize("value", ["abc", "-1", "+5", " 5", "1.0", "٣", "0", "101"])
def test_query_integer_is_plain_digits_in_range(tc: FlaskClient, value: str):
    response = tc.get("/t/page", query_string={"limit": value})
    assert set(problem(response, 422, "validation-error")["errors"]) == {"limit"}


def test_query_parameter_given_twice_is_422(tc: FlaskClient):
    response = tc.get("/t/page?limit=5&limit=50")
    assert set(problem(response, 422, "validation-error")["errors"]) == {"limit"}


def test_unknown_query_parameters_are_ignored(tc: FlaskClient):
    response = tc.get("/t/page?limit=5&other=1&other=2")
    assert response.status_code == 200
    assert response.get_json() == {"limit": 5}


def test_unexpected_exception_is_500_without_a_leak(
    tc: FlaskClient, capsys: pytest.CaptureFixture[str]
):
    response = tc.get("/t/boom")
    body = problem(response, 500, "internal-error")
    text = response.get_data(as_text=True)
    for leak in ("secret-token-123", "SELECT", "/etc/passwd", "Traceback", "RuntimeError", ".py"):
        assert leak not in text
    # error_id: the key of the one log record that holds the traceback (p49).
    assert set(body) == {"type", "title", "status", "detail", "request_id", "error_id"}
    # ... but the log has everything a developer needs, tied to the request id.
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    errors = [r for r in records if r.get("logger") == "flask_track.errors"]
    assert len(errors) == 1
    assert errors[0]["request_id"] == body["request_id"]
    assert errors[0]["error_id"] == body["error_id"]
    assert "RuntimeError" in errors[0]["traceback"]


def test_problem_error_carries_extra_members_and_headers(tc: FlaskClient):
    response = tc.get("/t/conflict")
    body = problem(response, 409, "conflict")
    assert body["field"] == "name"
    assert response.headers["X-Extra"] == "1"


def test_path_ids_up_to_the_64_bit_limit_are_routed(tc: FlaskClient):
    for value in ("0", "7", "0042", "9223372036854775807"):
        response = tc.get(f"/t/things/{value}")
        assert response.status_code == 200
        assert response.get_json() == {"id": int(value)}


@pytest.mark.parametrize(
    "value", ["9223372036854775808", "99999999999999999999", "-1", "1.5", "abc", "%C2%B3"]
)
@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_other_path_ids_are_404_for_every_method(tc: FlaskClient, value: str, method: str):
    """An id that is not a 64-bit non-negative integer matches no route: 404, never 405 (the
    bound is in the converter's regex; a to_python() refusal made DELETE answer 405)."""
    problem(tc.open(f"/t/things/{value}", method=method), 404, "not-found")


def test_a_valid_id_with_a_wrong_method_is_405(tc: FlaskClient):
    response = tc.delete("/t/things/5")
    problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["Allow"]
