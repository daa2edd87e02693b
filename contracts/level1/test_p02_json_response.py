"""p02 json-response (CATALOG Level 1): GET /p02/quotes, /p02/quotes/random, /p02/quotes/{id}.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- every quote's `id` is an integer, `text` and `author` are non-empty strings, ids are unique;
- non-ASCII text is compared after JSON decoding: `é` sent as UTF-8 or as `\\u00e9` is the same
  JSON string, so both are accepted;
- `/p02/quotes/{id}` follows §0 "path ids": anything but plain digits within 64 bits → 404.
"""

from __future__ import annotations

import pytest

from contracts.harness import case, describe, expect_json, expect_problem
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def fetch_quotes(api) -> list[dict]:
    """The full list, checked just enough to be used by the other cases."""
    response = api.get("/p02/quotes")
    body = expect_json(response, 200)
    assert isinstance(body, dict) and isinstance(body.get("items"), list), describe(
        response, '{"items": [...], "count": n}'
    )
    items = body["items"]
    assert items and all(isinstance(item, dict) for item in items), describe(
        response, "items to be a non-empty list of objects"
    )
    return items


@case("p02.list-items-count")
def test_list_has_at_least_five_quotes_and_a_matching_count(api):
    """GET /p02/quotes → 200 {"items":[{id,text,author}],"count"}, ≥ 5 items, count == len."""
    response = api.get("/p02/quotes")
    body = expect_json(response, 200)
    items = body.get("items")
    assert isinstance(items, list) and len(items) >= 5, describe(response, "at least 5 items")
    assert is_int(body.get("count")) and body["count"] == len(items), describe(
        response, f"count == {len(items)} (the number of items)"
    )
    for item in items:
        assert isinstance(item, dict) and is_int(item.get("id")), describe(
            response, f"every item to have an integer id, not {item!r}"
        )
        for member in ("text", "author"):
            assert isinstance(item.get(member), str) and item[member], describe(
                response, f"item {item.get('id')}: a non-empty string {member!r}"
            )


@case("p02.ids-unique")
def test_quote_ids_are_unique(api):
    """No two quotes share an id (an id names exactly one quote)."""
    response = api.get("/p02/quotes")
    items = expect_json(response, 200).get("items") or []
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    assert ids and len(ids) == len(set(ids)), describe(response, f"unique ids, got {ids}")


@case("p02.non-ascii-text")
def test_some_quote_text_is_not_ascii(api):
    """At least one quote's text holds non-ASCII characters, decoded intact from UTF-8 JSON."""
    response = api.get("/p02/quotes")
    # json_body() decodes UTF-8 (RFC 8259): a Latin-1 body with raw "é" would fail here.
    items = expect_json(response, 200).get("items") or []
    texts = [item.get("text") for item in items if isinstance(item, dict)]
    assert any(isinstance(text, str) and not text.isascii() for text in texts), describe(
        response, "at least one text with a non-ASCII character"
    )


@case("p02.random-is-one-of-them")
def test_random_returns_one_of_the_listed_quotes(api):
    """GET /p02/quotes/random → 200, a quote whose id, text and author equal a listed one."""
    items = fetch_quotes(api)
    listed = {(item.get("id"), item.get("text"), item.get("author")) for item in items}
    for _ in range(5):
        response = api.get("/p02/quotes/random")
        body = expect_json(response, 200)
        assert isinstance(body, dict), describe(response, "a quote object")
        got = (body.get("id"), body.get("text"), body.get("author"))
        assert is_int(got[0]) and got in listed, describe(
            response, "id, text and author equal to one item of GET /p02/quotes"
        )


@case("p02.get-by-id")
def test_each_quote_is_served_by_its_id(api):
    """GET /p02/quotes/{id} → 200 and the same id, text and author as in the list."""
    for item in fetch_quotes(api):
        response = api.get(f"/p02/quotes/{item['id']}")
        body = expect_json(response, 200)
        assert isinstance(body, dict), describe(response, "a quote object")
        for member in ("id", "text", "author"):
            assert body.get(member) == item.get(member), describe(
                response, f"{member} == {item.get(member)!r}, as listed"
            )


@case("p02.unknown-id-404")
def test_unknown_id_is_404_problem(api):
    """An id no quote has (one past the largest, and 2^63-1) → 404 not-found problem."""
    ids = [item["id"] for item in fetch_quotes(api)]
    for missing in (max(ids) + 1, MAX_ID):
        expect_problem(api.get(f"/p02/quotes/{missing}"), 404, "not-found")


@case("p02.non-integer-id-404")
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_non_integer_id_is_404_problem(api, raw):
    """An id that is not plain digits within 64 bits → 404 not-found (CATALOG §0 path ids)."""
    expect_problem(api.get(f"/p02/quotes/{raw}"), 404, "not-found")
