"""GET /p10/routes: the routes the app serves, compared with what /openapi.json documents."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest.spec.plugins import FlaskPlugin
from werkzeug.routing import Rule

from flask_track.concepts.p10_api_docs.schemas import METHODS, RoutesOut, RoutesQuery
from flask_track.core.openapi import Blueprint
from flask_track.extensions import api

blp = Blueprint("p10", __name__)

# Routes that are not part of the API: the document itself, its UI and its assets, Flask's own
# static folder, and the built React client (CATALOG §0 leaves them out of "documented = served").
NOT_API_EXACT = frozenset({"/", "/openapi.json", "/docs"})
NOT_API_PREFIXES = ("/docs/", "/assets/", "/static/")


def is_api_rule(rule: Rule) -> bool:
    """Whether a URL rule belongs to the API (and so must be documented)."""
    if getattr(rule, "websocket", False):  # WebSocket routes are not OpenAPI operations
        return False
    return rule.rule not in NOT_API_EXACT and not rule.rule.startswith(NOT_API_PREFIXES)


def openapi_path(rule: Rule) -> str:
    """`/p05/users/<id:id>` -> `/p05/users/{id}`, the way flask-smorest writes paths."""
    return str(FlaskPlugin.flaskpath2openapi(rule.rule))


def documented_operations() -> set[tuple[str, str]]:
    """(METHOD, path) of every HTTP operation in the OpenAPI document this app serves.

    A WebSocket route documents its upgrade (`101`); like its URL rule, it is left out.
    """
    paths: dict[str, dict[str, Any]] = api.spec.to_dict().get("paths", {})
    return {
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if method.upper() in METHODS and "101" not in item[method].get("responses", {})
    }


def served_routes() -> list[dict[str, Any]]:
    """Every (method, path) the URL map routes to a view, with its documentation status."""
    documented = documented_operations()
    found: set[tuple[str, str]] = set()
    for rule in current_app.url_map.iter_rules():
        if not is_api_rule(rule):
            continue
        path = openapi_path(rule)
        # HEAD and OPTIONS are added by Flask to every rule; they are not separate operations.
        found.update((method, path) for method in rule.methods or () if method in METHODS)
    return [
        {"method": method, "path": path, "documented": (method, path) in documented}
        for path, method in sorted((path, method) for method, path in found)
    ]


@blp.route("/routes")
@blp.arguments(RoutesQuery, location="query")
@blp.response(200, RoutesOut)
def routes(query: dict[str, Any]) -> dict[str, Any]:
    """List the served routes and whether /openapi.json documents each of them."""
    items = served_routes()
    if "documented" in query:
        items = [item for item in items if item["documented"] is query["documented"]]
    return {"items": items, "count": len(items)}
