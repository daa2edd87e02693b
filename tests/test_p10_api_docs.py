"""p10: GET /p10/routes, the URL map compared with the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track.core.openapi import Blueprint
from flask_track.extensions import api


def routes(client: FlaskClient, query: str = "") -> dict[str, Any]:
    response = client.get(f"/p10/routes{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def test_every_route_is_listed_once_and_documented(client: FlaskClient):
    body = routes(client)
    items = body["items"]
    assert body["count"] == len(items) > 0
    pairs = [(item["method"], item["path"]) for item in items]
    assert len(pairs) == len(set(pairs))
    assert {("GET", "/p10/routes"), ("GET", "/health"), ("GET", "/p01/health")} <= set(pairs)
    assert [item for item in items if not item["documented"]] == []


def test_listing_matches_the_document(client: FlaskClient):
    document = client.get("/openapi.json").get_json()
    listed = {(item["method"], item["path"]) for item in routes(client)["items"]}
    in_document = {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        # WebSocket routes (documenting 101) are not HTTP operations: the listing leaves them out.
        if method != "parameters" and "101" not in item[method].get("responses", {})
    }
    assert listed == in_document


def test_paths_are_openapi_style_and_implicit_methods_are_left_out(client: FlaskClient):
    items = routes(client)["items"]
    assert all("<" not in item["path"] for item in items)
    assert any("{" in item["path"] for item in items)  # p02's /quotes/{quote_id} and friends
    assert {item["method"] for item in items} <= {"GET", "POST", "PUT", "PATCH", "DELETE"}


def test_docs_static_and_client_routes_are_not_listed(client: FlaskClient):
    paths = {item["path"] for item in routes(client)["items"]}
    for path in paths:
        assert path not in {"/", "/openapi.json", "/docs"}
        assert not path.startswith(("/docs/", "/assets/", "/static/"))


def test_items_are_sorted_by_path_then_method(client: FlaskClient):
    items = routes(client)["items"]
    keys = [(item["path"], item["method"]) for item in items]
    assert keys == sorted(keys)


@pytest.fixture
def app_with_gaps(app: Flask) -> Flask:
    """One route documented by flask-smorest, two that are served but not documented."""
    blp = Blueprint("t_p10", __name__)

    @blp.route("/documented")
    @blp.response(200)
    def documented() -> dict[str, str]:
        """A documented view."""
        return {}

    api.register_blueprint(blp, url_prefix="/t")
    app.add_url_rule("/t/plain/<int:n>", "plain", lambda n: "", methods=["GET", "POST"])
    return app


def test_undocumented_routes_are_flagged(app_with_gaps: Flask):
    client = app_with_gaps.test_client()
    flagged = routes(client, "?documented=false")
    assert {(i["method"], i["path"]) for i in flagged["items"]} == {
        ("GET", "/t/plain/{n}"),
        ("POST", "/t/plain/{n}"),
    }
    assert flagged["count"] == 2
    documented = routes(client, "?documented=true")["items"]
    assert {"method": "GET", "path": "/t/documented", "documented": True} in documented
    assert all(item["documented"] for item in documented)
    every = routes(client)
    assert every["count"] == len(documented) + 2


@pytest.mark.parametrize("value", ["yes", "1", "True", "", "false,true"])
def test_documented_filter_takes_only_true_or_false(client: FlaskClient, value: str):
    response = client.get("/p10/routes", query_string={"documented": value})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"documented"}


def test_documented_filter_given_twice_is_422(client: FlaskClient):
    response = client.get("/p10/routes?documented=true&documented=false")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"documented"}


def test_unknown_query_parameters_are_ignored(client: FlaskClient):
    assert routes(client, "?page=2")["count"] == routes(client)["count"]


def test_post_is_405(client: FlaskClient):
    response = client.post("/p10/routes", json={})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
