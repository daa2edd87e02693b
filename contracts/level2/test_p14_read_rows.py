"""p14 read-rows (CATALOG Level 2): GET /p14/notes and GET /p14/notes/{id}.

Raw SQL reads → 200 / 404; they read what p13 inserted; each note has an ETag. The list is a
collection that grows without bound: {"items","count"}, `limit` (default 20, max 100) and
`offset`, newest first (CATALOG §0).

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- every test first calls POST /p12/setup (idempotent);
- "newest first": a note created after another (its 201 received first) is listed before it;
- `limit` and `offset` are plain decimal digits: limit 1-100, offset 0-2^63-1; anything else
  (0, 101, -1, 1.5, 1e2, empty, letters) → 422 naming the parameter; an offset past the end
  → 200 with no items; unknown query parameters are ignored (as in p04);
- the ETag is strong (`"…"`, no `W/`), the same on repeated reads of an unchanged note;
- If-None-Match with the current ETag → 304 Not Modified with the ETag and no body.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
    header_value,
)
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS
from contracts.harness.paging import BAD_PAGING
from contracts.level2.notes_helpers import (
    create_note,
    expect_note,
    read_note,
    setup_notes,
)

# Other contract workers create and delete notes at the same time, which shifts offsets
# between two requests; a page comparison is retried this many times before it fails.
OFFSET_ATTEMPTS = 8


@pytest.fixture(autouse=True)
def notes_table(api: httpx.Client) -> None:
    """The notes table exists once POST /p12/setup has run (idempotent: safe every time)."""
    setup_notes(api)


def page(api: httpx.Client, **params: Any) -> tuple[list[dict[str, Any]], httpx.Response]:
    """GET /p14/notes with these parameters → 200 {"items": notes, "count": len(items)}."""
    response = api.get("/p14/notes", params=params)
    body = expect_json(response, 200)
    assert isinstance(body, dict) and isinstance(body.get("items"), list), describe(
        response, "an object with an items list"
    )
    items = body["items"]
    assert body.get("count") == len(items) and not isinstance(body["count"], bool), describe(
        response, f"count == {len(items)} (the items in this response)"
    )
    return items, response


@case("p14.list-shape")
def test_list_is_a_collection_of_notes(api, unique):
    """GET /p14/notes → 200 {"items":[note…],"count":n} with every note's fields."""
    create_note(api, f"shape {unique()}")
    items, response = page(api)
    assert items, describe(response, "at least the note just created")
    for item in items:
        for field in ("id", "title", "body", "created_at", "updated_at"):
            assert isinstance(item, dict) and field in item, describe(
                response, f"every item to have {field!r}"
            )


@case("p14.reads-what-p13-inserted")
def test_a_created_note_is_listed(api, unique):
    """A note created through p13 is in the first page, with its title and body."""
    note, _ = create_note(api, f"listed {unique()}", "listed body")
    items, response = page(api, limit=100)
    found = [item for item in items if item.get("id") == note["id"]]
    assert found and found[0].get("title") == note["title"], describe(
        response, f"note {note['id']} with title {note['title']!r}"
    )
    assert found[0].get("body") == "listed body", describe(response, "its body")


@case("p14.newest-first")
def test_a_newer_note_comes_first(api, unique):
    """Of two notes created one after the other, the second is listed before the first."""
    first, _ = create_note(api, f"older {unique()}")
    second, _ = create_note(api, f"newer {unique()}")
    items, response = page(api, limit=100)
    ids = [item.get("id") for item in items]
    assert first["id"] in ids and second["id"] in ids, describe(
        response, f"both notes {first['id']} and {second['id']} in the first 100"
    )
    assert ids.index(second["id"]) < ids.index(first["id"]), describe(
        response, f"note {second['id']} (newer) before note {first['id']}"
    )


@case("p14.default-limit-20")
def test_default_limit_is_20(api, unique):
    """With more than 20 notes and no `limit`, exactly 20 come back."""
    for number in range(21):
        create_note(api, f"default limit {number} {unique()}")
    items, response = page(api)
    assert len(items) == 20, describe(response, "exactly 20 items")


@case("p14.limit-exact")
@pytest.mark.parametrize("limit", [1, 2])
def test_limit_gives_that_many_items(api, unique, limit):
    """?limit=n with at least n notes → exactly n items."""
    for number in range(2):
        create_note(api, f"limit {number} {unique()}")
    items, response = page(api, limit=limit)
    assert len(items) == limit, describe(response, f"exactly {limit} items")


@case("p14.limit-max-100")
def test_limit_100_is_accepted(api, unique):
    """?limit=100 (the maximum) → 200 with at most 100 items."""
    create_note(api, f"limit max {unique()}")
    items, response = page(api, limit=100)
    assert 1 <= len(items) <= 100, describe(response, "between 1 and 100 items")


@case("p14.offset-skips")
def test_offset_skips_the_newest(api, unique):
    """?limit=2&offset=1 → the 2nd and 3rd items of ?limit=3 (the same list, shifted by one)."""
    for number in range(3):
        create_note(api, f"offset {number} {unique()}")
    attempts = []
    for _ in range(OFFSET_ATTEMPTS):
        top, _ = page(api, limit=3)
        shifted, response = page(api, limit=2, offset=1)
        again, _ = page(api, limit=3)
        if [n["id"] for n in top] == [n["id"] for n in again]:  # nothing moved meanwhile
            attempts.append(([n["id"] for n in top[1:]], [n["id"] for n in shifted]))
            if attempts[-1][0] == attempts[-1][1]:
                break
    assert attempts and attempts[-1][0] == attempts[-1][1], describe(
        response, f"offset=1 to skip exactly the newest note; (expected, got): {attempts}"
    )


@case("p14.offset-past-end")
@pytest.mark.parametrize("offset", [str(MAX_ID), "1000000000"])
def test_offset_past_the_end_is_an_empty_page(api, offset):
    """An offset past the last note → 200 with no items and count 0."""
    items, response = page(api, offset=offset)
    assert items == [], describe(response, "items == []")


@case("p14.bad-paging")
@pytest.mark.parametrize(("params", "field"), BAD_PAGING)
def test_bad_paging_parameters_are_422(api, params, field):
    """Out-of-range or non-integer `limit`/`offset` → 422 naming the parameter."""
    expect_validation_error(api.get("/p14/notes", params=params), field)


@case("p14.bad-paging-all-reported")
def test_both_bad_parameters_are_reported(api):
    """?limit=0&offset=-1 → one 422 naming both limit and offset."""
    expect_validation_error(api.get("/p14/notes?limit=0&offset=-1"), "limit", "offset")


@case("p14.unknown-params-ignored")
def test_unknown_query_parameters_are_ignored(api):
    """An unknown query parameter (?sort=title) is ignored: 200."""
    page(api, sort="title", q="x")


@case("p14.get-one")
def test_get_one_is_the_created_note(api, unique):
    """GET /p14/notes/{id} → 200 with exactly the note p13 created."""
    note, _ = create_note(api, f"one {unique()}", "its body")
    got, _, read = read_note(api, note["id"])
    for field in ("id", "title", "body", "created_at", "updated_at"):
        assert got[field] == note[field], describe(read, f"{field} == {note[field]!r}")


@case("p14.etag-strong")
def test_a_note_has_a_strong_etag(api, unique):
    """GET /p14/notes/{id} carries ETag: "…" (strong: no W/ prefix)."""
    note, _ = create_note(api, f"etag {unique()}")
    read_note(api, note["id"])  # asserts the strong format


@case("p14.etag-stable")
def test_etag_is_stable_while_the_note_is_unchanged(api, unique):
    """Two reads of an unchanged note carry the same ETag."""
    note, _ = create_note(api, f"stable {unique()}")
    _, first, _ = read_note(api, note["id"])
    _, second, response = read_note(api, note["id"])
    assert first == second, describe(response, f"ETag {first} again")


@case("p14.etags-differ")
def test_two_notes_have_different_etags(api, unique):
    """Two different notes (even with the same title) have different ETags."""
    one, _ = create_note(api, f"same {unique()}")
    two, _ = create_note(api, one["title"])
    _, first, _ = read_note(api, one["id"])
    _, second, response = read_note(api, two["id"])
    assert first != second, describe(response, f"an ETag other than {first}")


@case("p14.if-none-match-304")
def test_if_none_match_current_is_304(api, unique):
    """If-None-Match: <current ETag> → 304 with that ETag and no body."""
    note, _ = create_note(api, f"cached {unique()}")
    _, etag, _ = read_note(api, note["id"])
    response = api.get(f"/p14/notes/{note['id']}", headers={"If-None-Match": etag})
    expect_status(response, 304)
    assert header_value(response, "etag") == etag, describe(response, f"ETag {etag}")
    assert response.content == b"", describe(response, "no body")


@case("p14.if-none-match-other-200")
def test_if_none_match_other_tag_is_200(api, unique):
    """If-None-Match with another tag → 200 with the note."""
    note, _ = create_note(api, f"not cached {unique()}")
    response = api.get(f"/p14/notes/{note['id']}", headers={"If-None-Match": '"not-this-one"'})
    assert expect_note(response, 200)["id"] == note["id"], describe(response, "the note")


@case("p14.missing-404")
def test_missing_note_is_404(api):
    """GET /p14/notes/2^63-1 (well formed, no such note) → 404 not-found."""
    expect_problem(api.get(f"/p14/notes/{MAX_ID}"), 404, "not-found")


@case("p14.non-integer-id-404")
@pytest.mark.parametrize("raw_id", NON_INTEGER_IDS)
def test_non_integer_id_is_404(api, raw_id):
    """An id that is not a plain integer within 64 bits → 404 not-found."""
    expect_problem(api.get(f"/p14/notes/{raw_id}"), 404, "not-found")
