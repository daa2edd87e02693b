"""p14: GET /p14/notes (newest first, limit/offset) and GET /p14/notes/{id} with an ETag."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from flask_track.shared.etags import (
    EntityTag,
    if_match_passes,
    if_none_match_hits,
    parse_etags,
)

CURRENT = '"0123abcd"'


@pytest.fixture
def notes(client: FlaskClient) -> FlaskClient:
    assert client.post("/p12/setup").status_code == 200
    return client


def create(client: FlaskClient, count: int) -> list[int]:
    return [
        client.post("/p13/notes", json={"title": f"n{number}"}).get_json()["id"]
        for number in range(count)
    ]


def test_list_is_newest_first_with_default_limit_20(notes: FlaskClient) -> None:
    ids = create(notes, 25)
    body = notes.get("/p14/notes").get_json()
    assert body["count"] == 20 and body["limit"] == 20 and body["offset"] == 0
    assert [item["id"] for item in body["items"]] == ids[::-1][:20]


def test_offset_and_limit_page_through_without_overlap(notes: FlaskClient) -> None:
    ids = create(notes, 7)
    seen = []
    for offset in range(0, 10, 3):
        seen += [n["id"] for n in notes.get(f"/p14/notes?limit=3&offset={offset}").json["items"]]
    assert seen == ids[::-1]


def test_offset_past_the_end_and_the_64_bit_maximum(notes: FlaskClient) -> None:
    create(notes, 1)
    for offset in ("1", str(2**63 - 1)):
        assert notes.get(f"/p14/notes?offset={offset}").get_json()["items"] == []


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("limit=0", {"limit"}),
        ("limit=101", {"limit"}),
        ("limit=-1", {"limit"}),
        ("limit=1.5", {"limit"}),
        ("limit=", {"limit"}),
        ("limit=%D9%A3", {"limit"}),  # an Arabic-Indic digit: int() would accept it
        ("offset=-1", {"offset"}),
        (f"offset={2**63}", {"offset"}),
        ("limit=abc&offset=x", {"limit", "offset"}),
    ],
)
def test_bad_paging_is_422_naming_the_parameters(
    notes: FlaskClient, query: str, fields: set[str]
) -> None:
    response = notes.get(f"/p14/notes?{query}")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == fields


def test_list_before_setup_is_409(client: FlaskClient) -> None:
    assert client.get("/p14/notes").status_code == 409
    assert client.get("/p14/notes/1").status_code == 409


def test_one_note_with_a_strong_etag_and_304(notes: FlaskClient) -> None:
    (note_id,) = create(notes, 1)
    response = notes.get(f"/p14/notes/{note_id}")
    assert response.status_code == 200
    etag = response.headers["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    cached = notes.get(f"/p14/notes/{note_id}", headers={"If-None-Match": f"W/{etag}"})
    assert cached.status_code == 304
    assert cached.headers["ETag"] == etag
    assert cached.data == b"" and "Content-Type" not in cached.headers


def test_etag_depends_on_the_representation(notes: FlaskClient) -> None:
    first, second = create(notes, 2)
    one = notes.get(f"/p14/notes/{first}").headers["ETag"]
    two = notes.get(f"/p14/notes/{second}").headers["ETag"]
    assert one != two
    notes.patch(f"/p15/notes/{first}", json={"body": "changed"})
    assert notes.get(f"/p14/notes/{first}").headers["ETag"] != one


@pytest.mark.parametrize("raw", ["0", str(2**63 - 1), str(2**63), "abc", "-1", "1.0"])
def test_missing_or_malformed_ids_are_404(notes: FlaskClient, raw: str) -> None:
    response = notes.get(f"/p14/notes/{raw}")
    assert response.status_code == 404
    assert response.get_json()["type"] == "/problems/not-found"


# ------------------------------------------------------------------------ ETag parsing


def test_parse_etags_reads_lists_and_weak_tags() -> None:
    assert parse_etags('"a", W/"b" ,"c"') == [
        EntityTag("a"),
        EntityTag("b", weak=True),
        EntityTag("c"),
    ]


@pytest.mark.parametrize("header", ["abc", '"unterminated', '"a" "b"', 'w/"a"', '"a",', ""])
def test_parse_etags_refuses_malformed_headers(header: str) -> None:
    assert parse_etags(header) is None


@pytest.mark.parametrize(
    ("header", "passes"),
    [
        (None, True),
        ("*", True),
        (CURRENT, True),
        (f'"other", {CURRENT}', True),
        (f"W/{CURRENT}", False),  # If-Match: strong comparison only
        ('"other"', False),
        ("0123abcd", False),  # unquoted: malformed, so it cannot match
    ],
)
def test_if_match(header: str | None, passes: bool) -> None:
    assert if_match_passes(header, CURRENT) is passes


@pytest.mark.parametrize(
    ("header", "hits"),
    [(None, False), ("*", True), (CURRENT, True), (f"W/{CURRENT}", True), ('"x"', False)],
)
def test_if_none_match(header: str | None, hits: bool) -> None:
    assert if_none_match_hits(header, CURRENT) is hits
