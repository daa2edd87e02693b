"""The OpenAPI document vs the URL map: white-box counterpart of the p10 contract."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate as validate_openapi
from werkzeug.http import is_hop_by_hop_header

from flask_track.core.openapi import MAX_ID, IdConverter, digits_at_most, schema_name

# Endpoints that are not API operations (CATALOG §0: the document, its UI, the static client)
# and Flask's own static-folder rule.
NOT_API = re.compile(r"static|swagger_ui_static|api-docs\..*|client\..*")
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@pytest.fixture
def document(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def served(app: Flask) -> set[tuple[str, str]]:
    """(METHOD, /openapi/{style}) of every API rule in the URL map."""
    return {
        (method, PARAM.sub(r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        if not NOT_API.fullmatch(rule.endpoint)
        and not rule.websocket  # CATALOG §0: WebSocket routes are not OpenAPI operations
        for method in (rule.methods or set()) & METHODS
    }


def documented(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method.upper() in METHODS
        # A WebSocket route documents its upgrade (101); it is not an HTTP operation.
        and "101" not in item[method].get("responses", {})
    }


def test_the_document_is_valid_openapi(document: dict[str, Any]):
    validate_openapi(document)


def test_documented_routes_are_exactly_the_served_routes(app: Flask, document: dict[str, Any]):
    served_ops, documented_ops = served(app), documented(document)
    assert served_ops - documented_ops == set(), "served but not documented"
    assert documented_ops - served_ops == set(), "documented but not served"
    assert ("GET", "/p10/routes") in served_ops


def test_an_undocumented_route_is_noticed(app: Flask):
    """The comparison above can fail: a plain Flask route is served and not documented."""
    app.add_url_rule("/p10/plain", "plain", lambda: "", methods=["GET"])
    document = app.test_client().get("/openapi.json").get_json()
    assert served(app) - documented(document) == {("GET", "/p10/plain")}


def test_every_operation_has_a_summary_and_an_explicit_status(document: dict[str, Any]):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method.upper() not in METHODS:
                continue
            assert operation.get("summary"), f"{method} {path}: no docstring/summary"
            # `default` documents nothing in particular; p08's error routes have no success.
            assert set(operation["responses"]) - {"default"}, f"{method} {path}: no status"


def test_no_response_documents_a_hop_by_hop_header(document: dict[str, Any]):
    """WSGI forbids hop-by-hop headers and gunicorn drops them: a promise the wire breaks."""
    promised = [
        (method.upper(), path, status, name)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method.upper() in METHODS
        for status, response in operation["responses"].items()
        for name in response.get("headers", {})
        if is_hop_by_hop_header(name)
    ]
    headers_documented = sum(
        len(response.get("headers", {}))
        for item in document["paths"].values()
        for method, operation in item.items()
        if method.upper() in METHODS
        for response in operation["responses"].values()
    )
    assert headers_documented > 0, "the document should document some response headers"
    assert promised == [], f"hop-by-hop headers documented as sent: {promised}"


def test_problem_responses_are_added_for_bodies_and_path_parameters(document: dict[str, Any]):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method.upper() not in METHODS:
                continue
            responses = operation["responses"]
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= set(responses), f"{method} {path}"
            if "{" in path:
                assert "404" in responses, f"{method} {path}"
    for name in ("BAD_REQUEST", "NOT_FOUND", "UNPROCESSABLE_ENTITY", "DEFAULT_ERROR"):
        content = document["components"]["responses"][name]["content"]
        assert list(content) == ["application/problem+json"]


def test_schema_names_carry_the_concept_id(document: dict[str, Any]):
    names = set(document["components"]["schemas"])
    assert {"p01.HealthOut", "p10.RoutesOut", "p10.RouteOut", "HealthOut", "Problem"} <= names


def test_schema_name_of_a_concept_and_of_core():
    from flask_track.concepts.p10_api_docs.schemas import RoutesOut
    from flask_track.core.openapi import ProblemSchema

    assert schema_name(RoutesOut) == "p10.RoutesOut"
    assert schema_name(RoutesOut()) == "p10.RoutesOut"
    assert schema_name(ProblemSchema) == "Problem"


def test_id_paths_are_documented_as_64_bit_non_negative_integers(
    app: Flask, document: dict[str, Any]
):
    checked = 0
    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            if not isinstance(converter, IdConverter):
                continue
            path = PARAM.sub(r"{\1}", rule.rule)
            item = document["paths"][path]
            params = item.get("parameters", []) + [
                p for op in item.values() if isinstance(op, dict) for p in op.get("parameters", [])
            ]
            schema = next(p["schema"] for p in params if p["in"] == "path" and p["name"] == name)
            # A concept may document a narrower range it enforces (p06's status codes).
            assert schema["type"] == "integer", path
            assert 0 <= schema["minimum"] <= schema["maximum"] <= MAX_ID, path
            checked += 1
    assert checked, "no route uses the id converter"


@pytest.mark.parametrize("limit", [0, 7, 10, 99, 100, 1234, 9_000_000_000, MAX_ID])
def test_digits_at_most_accepts_exactly_the_numbers_up_to_the_limit(limit: int):
    pattern = re.compile(f"(?:{digits_at_most(limit)})")
    width = len(str(limit))
    for value in {0, 1, limit // 2, limit - 1, limit, limit + 1, 10**width - 1}:
        if value < 0 or len(str(value)) != width:
            continue
        assert bool(pattern.fullmatch(str(value))) == (value <= limit), value
        assert bool(pattern.fullmatch(str(value).zfill(width))) == (value <= limit), value


def test_id_converter_regex_is_the_64_bit_range():
    pattern = re.compile(IdConverter.regex)
    for ok in ("0", "1", "0000000000000000001", "999999999999999999", str(MAX_ID)):
        assert pattern.fullmatch(ok), ok
    for bad in (str(MAX_ID + 1), "9" * 19, "1" * 20, "", "-1", "1a"):
        assert not pattern.fullmatch(bad), bad
