"""White-box checks of p03's helpers and the edges the contract does not pin."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from flask_track.concepts.p03_json_body.routes import MAX_DEPTH, json_type, nesting_depth

JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (True, "boolean"),
        (0, "number"),
        (1.5, "number"),
        ("", "string"),
        ([], "array"),
        ({}, "object"),
    ],
)
def test_json_type_names_each_kind(value: object, expected: str) -> None:
    assert json_type(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 0), ([], 1), ({"a": [1, {"b": []}]}, 4), ([[1], [[2]]], 3)],
)
def test_nesting_depth_counts_containers(value: object, expected: int) -> None:
    assert nesting_depth(value) == expected


def test_nesting_depth_needs_no_recursion() -> None:
    value: list = []
    for _ in range(50_000):
        value = [value]
    assert nesting_depth(value) == 50_001


def test_depth_limit_sits_below_the_serializer_recursion_limit(client: FlaskClient) -> None:
    """~980 levels parse but do not serialize: everything above MAX_DEPTH must be a 400."""
    for depth in (MAX_DEPTH + 1, 979, 985):
        body = b"[" * depth + b"]" * depth
        response = client.post("/p03/echo", data=body, headers=JSON)
        assert response.status_code == 400, depth


def test_lone_surrogate_echoes_without_a_500(client: FlaskClient) -> None:
    """Valid JSON grammar, not valid Unicode: today it echoes escaped; never a 500."""
    response = client.post("/p03/echo", data=b'"\\ud800"', headers=JSON)
    assert response.status_code == 200
    assert response.get_json()["received"] == "\ud800"


def test_json_suffix_media_types_are_json(client: FlaskClient) -> None:
    response = client.post(
        "/p03/echo", data=b"[1]", headers={"Content-Type": "application/vnd.x+json"}
    )
    assert response.status_code == 200
    assert response.get_json() == {"received": [1], "type": "array", "bytes": 3}
