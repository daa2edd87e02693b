"""White-box checks of p20: cursors, ties, walks under inserts, and the Link header."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track.concepts.p20_pagination.cursor import (
    InvalidCursor,
    Position,
    decode_cursor,
    encode_cursor,
)
from flask_track.concepts.p20_pagination.models import Item
from flask_track.extensions import db

SECRET = "unit-test-secret"


def test_cursor_round_trip_keeps_microseconds() -> None:
    position = Position(datetime(2024, 2, 29, 23, 59, 59, 999_999, tzinfo=UTC), 2**62)
    assert decode_cursor(encode_cursor(position, SECRET), SECRET) == position


def test_cursor_is_opaque_url_safe_text() -> None:
    token = encode_cursor(Position(datetime(2020, 1, 1, tzinfo=UTC), 7), SECRET)
    assert re.fullmatch(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}", token)


def tampered(token: str) -> list[str]:
    """Every one-character change, plus truncations and extensions."""
    alphabet = "AbZ9-_"
    variants = []
    for index, char in enumerate(token):
        for other in alphabet:
            if other != char:
                variants.append(token[:index] + other + token[index + 1 :])
    return [*variants, token[:-1], token + "A", token[1:], token.replace(".", "")]


def test_every_edit_of_a_cursor_is_refused() -> None:
    token = encode_cursor(Position(datetime(2020, 1, 1, tzinfo=UTC), 1000), SECRET)
    for variant in tampered(token):
        with pytest.raises(InvalidCursor):
            decode_cursor(variant, SECRET)


def test_a_cursor_from_another_secret_is_refused() -> None:
    token = encode_cursor(Position(datetime(2020, 1, 1, tzinfo=UTC), 1), "other")
    with pytest.raises(InvalidCursor):
        decode_cursor(token, SECRET)


def walk(client: FlaskClient, limit: int, between_pages=None) -> list[dict]:
    items: list[dict] = []
    response = client.get(f"/p20/items?limit={limit}")
    for _ in range(10_000):
        body = response.get_json()
        assert response.status_code == 200, body
        items.extend(body["items"])
        if body["next_cursor"] is None:
            assert "Link" not in response.headers
            return items
        link = response.headers["Link"]
        assert link.endswith('>; rel="next"')
        if between_pages:
            between_pages()
        response = client.get(link[1 : link.index(">")])
    raise AssertionError("the walk did not end")


def test_walk_yields_every_seeded_item_once_in_order(client: FlaskClient) -> None:
    items = walk(client, limit=100)
    assert [item["name"] for item in items] == [f"item {n:04d}" for n in range(1000, 0, -1)]


def test_walk_under_inserts_neither_repeats_nor_skips(client: FlaskClient) -> None:
    counter = iter(range(1_000_000))

    def insert_two() -> None:
        for _ in range(2):
            assert client.post("/p20/items", json={"name": f"new {next(counter)}"}).status_code

    items = walk(client, limit=37, between_pages=insert_two)
    names = [item["name"] for item in items]
    assert len(names) == len(set(names))
    # Items created during the walk are newer than the first page: none appear after it.
    assert names == [f"item {n:04d}" for n in range(1000, 0, -1)]


def test_equal_timestamps_are_ordered_by_id(app: Flask, client: FlaskClient) -> None:
    """The id tie-break: a page boundary inside a run of equal created_at loses nothing."""
    same = datetime(2030, 1, 1, tzinfo=UTC)
    with app.app_context():
        db.session.add_all(Item(name=f"tie {n}", created_at=same) for n in range(5))
        db.session.commit()
    items = walk(client, limit=2)
    ties = [item for item in items if item["name"].startswith("tie")]
    assert [t["name"] for t in ties] == [f"tie {n}" for n in range(4, -1, -1)]
    assert len(items) == 1005


def test_offset_pages_have_total_and_links(client: FlaskClient) -> None:
    first = client.get("/p20/items?limit=100&offset=0")
    body = first.get_json()
    assert (body["total"], body["count"], body["next_offset"]) == (1000, 100, 100)
    assert first.headers["Link"] == '</p20/items?limit=100&offset=100>; rel="next"'
    last = client.get("/p20/items?limit=100&offset=900")
    assert last.get_json()["next_offset"] is None
    assert "Link" not in last.headers
    past = client.get("/p20/items?offset=5000").get_json()
    assert (past["items"], past["count"], past["total"]) == ([], 0, 1000)


def test_offset_pages_shift_under_inserts(client: FlaskClient) -> None:
    """Why keyset exists: an insert between two offset pages repeats a row."""
    first = client.get("/p20/items?limit=10&offset=0").get_json()["items"]
    client.post("/p20/items", json={"name": "newcomer"})
    second = client.get("/p20/items?limit=10&offset=10").get_json()["items"]
    assert first[-1]["id"] == second[0]["id"]


def test_default_is_a_keyset_page_of_20(client: FlaskClient) -> None:
    body = client.get("/p20/items").get_json()
    assert body["count"] == 20 and body["limit"] == 20
    assert "total" not in body and isinstance(body["next_cursor"], str)


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("limit=0", {"limit"}),
        ("limit=101", {"limit"}),
        ("limit=ten", {"limit"}),
        ("limit=", {"limit"}),
        ("offset=-1", {"offset"}),
        ("offset=1e3", {"offset"}),
        ("offset=99999999999999999999", {"offset"}),
        ("cursor=", {"cursor"}),
        ("cursor=garbage", {"cursor"}),
        ("cursor=" + "A" * 5000, {"cursor"}),
        ("cursor=%27%20OR%201%3D1--", {"cursor"}),
    ],
)
def test_bad_parameters_are_422_naming_them(client: FlaskClient, query: str, fields: set) -> None:
    response = client.get(f"/p20/items?{query}")
    assert response.status_code == 422
    assert fields <= set(response.get_json()["errors"])


def test_offset_with_cursor_is_422(client: FlaskClient) -> None:
    cursor = client.get("/p20/items?limit=1").get_json()["next_cursor"]
    response = client.get(f"/p20/items?offset=0&cursor={cursor}")
    assert response.status_code == 422
    assert {"offset", "cursor"} <= set(response.get_json()["errors"])


def test_tampered_cursor_over_http_is_422(client: FlaskClient) -> None:
    cursor = client.get("/p20/items?limit=1").get_json()["next_cursor"]
    middle = len(cursor) // 3
    bad = cursor[:middle] + ("B" if cursor[middle] != "B" else "C") + cursor[middle + 1 :]
    response = client.get(f"/p20/items?cursor={bad}")
    assert response.status_code == 422
    assert "cursor" in response.get_json()["errors"]


def test_create_and_read_an_item(client: FlaskClient) -> None:
    response = client.post("/p20/items", json={"name": "Robert'); DROP TABLE p20_items;--"})
    assert response.status_code == 201
    location = response.headers["Location"]
    body = client.get(location).get_json()
    assert body["name"] == "Robert'); DROP TABLE p20_items;--"
    assert client.get("/p20/items?offset=0&limit=1").get_json()["items"][0] == body
