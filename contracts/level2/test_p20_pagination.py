"""p20 pagination (CATALOG Level 2): GET /p20/items with offset pages and keyset (cursor) pages.

A seeded table of >= 1,000 items (POST /p20/items {"name"} adds one). `?limit&offset` → offset
pages with `total`; `?limit&cursor` → keyset pages with an opaque `next_cursor` (null at the
end); both send an RFC 8288 `Link: <…>; rel="next"`. limit default 20, max 100; out-of-range
or non-integer limit/offset, a tampered cursor, or offset together with cursor → 422. Walking
every page by cursor yields each item once, in order, even while rows are inserted.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- the style is chosen by the parameters: `offset` present → an offset page
  {"items","count","limit","offset","total","next_offset"}; otherwise a keyset page
  {"items","count","limit","next_cursor"}, the first one when `cursor` is absent;
- an item is {"id","name","created_at"}; pages are newest first (created_at descending);
- `Link` is present exactly when there is a next page; its target may be relative;
- an empty `cursor=` and any cursor the server did not issue → 422 naming cursor; offset and
  cursor together → 422 naming offset or cursor;
- POST /p20/items {"name": a non-empty string, no NUL} → 201 + `Location` (GET → the item).

The walk (p20.cursor-walk-*) is bounded: limit=100 over the >= 1,000-row table is ~11 requests
per walk; a walk is abandoned as failed after 1,000 pages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from contracts.harness import (
    aware_time,
    case,
    describe,
    expect_json,
    expect_status,
    expect_validation_error,
    header_value,
)
from contracts.harness.paging import BAD_PAGING

ITEM_FIELDS = ("id", "name", "created_at")
MAX_PAGES = 1_000
BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def created(item: dict[str, Any]) -> datetime | None:
    return aware_time(item.get("created_at"))


def expect_page(response: httpx.Response, *fields: str) -> dict[str, Any]:
    """A page: items (each a full item, newest first), count == len(items), these fields."""
    body = expect_json(response, 200)
    assert isinstance(body, dict), describe(response, "a JSON object")
    missing = [name for name in ("items", "count", *fields) if name not in body]
    assert not missing, describe(response, f"page fields (missing {missing})")
    items = body["items"]
    assert isinstance(items, list) and body["count"] == len(items), describe(
        response, "count == len(items)"
    )
    for item in items:
        absent = [name for name in ITEM_FIELDS if name not in item]
        assert not absent, describe(response, f"item fields {list(ITEM_FIELDS)}")
        assert created(item) is not None, describe(response, "aware created_at")
    times = [created(item) for item in items]
    assert times == sorted(times, reverse=True), describe(response, "newest first")
    return body


def next_url(response: httpx.Response) -> str | None:
    """The rel="next" target of the Link header, resolved against the request URL."""
    link = response.links.get("next")
    return str(response.url.join(link["url"])) if link else None


def first_cursor(api: httpx.Client, limit: int = 1) -> str:
    response = api.get("/p20/items", params={"limit": limit})
    cursor = expect_page(response, "next_cursor")["next_cursor"]
    assert isinstance(cursor, str) and cursor, describe(response, "a next_cursor string")
    return cursor


def walk(api: httpx.Client, between_pages: Callable[[], None] | None = None) -> list[dict]:
    """Every keyset page at limit=100, following next_cursor; checks the last page."""
    items: list[dict] = []
    response = api.get("/p20/items", params={"limit": 100})
    for _ in range(MAX_PAGES):
        body = expect_page(response, "next_cursor")
        items.extend(body["items"])
        if body["next_cursor"] is None:
            assert next_url(response) is None, describe(response, 'no rel="next" on the last page')
            return items
        assert next_url(response) is not None, describe(response, 'a Link rel="next"')
        if between_pages:
            between_pages()
        response = api.get("/p20/items", params={"limit": 100, "cursor": body["next_cursor"]})
    raise AssertionError(f"the cursor walk did not end within {MAX_PAGES} pages")


def tamper(cursor: str) -> str:
    """The cursor with its middle character replaced by another base64url character."""
    middle = len(cursor) // 2
    other = next(c for c in BASE64URL if c != cursor[middle])
    return cursor[:middle] + other + cursor[middle + 1 :]


@case("p20.seeded-1000")
def test_table_has_at_least_1000_items(api):
    """GET /p20/items?offset=0 → total >= 1,000 (the seed)."""
    response = api.get("/p20/items", params={"offset": 0})
    body = expect_page(response, "total")
    assert isinstance(body["total"], int) and body["total"] >= 1000, describe(
        response, "total >= 1000"
    )


@case("p20.default-limit-20")
@pytest.mark.parametrize(
    "params", [pytest.param({}, id="keyset"), pytest.param({"offset": 0}, id="offset")]
)
def test_default_limit_is_20(api, params):
    """Without limit, a page has 20 items (the table has >= 1,000)."""
    response = api.get("/p20/items", params=params)
    assert expect_page(response)["count"] == 20, describe(response, "20 items")


@case("p20.max-limit-100")
@pytest.mark.parametrize(
    "params", [pytest.param({}, id="keyset"), pytest.param({"offset": 0}, id="offset")]
)
def test_limit_100_gives_100_items(api, params):
    """limit=100 (the maximum) → 100 items."""
    response = api.get("/p20/items", params={"limit": 100, **params})
    assert expect_page(response)["count"] == 100, describe(response, "100 items")


@case("p20.offset-page")
def test_offset_page_has_total_and_next_link(api):
    """?limit=10&offset=0 → 10 items, total, and a Link rel="next" to an offset page."""
    response = api.get("/p20/items", params={"limit": 10, "offset": 0})
    body = expect_page(response, "total")
    assert body["count"] == 10, describe(response, "10 items")
    target = next_url(response)
    assert target is not None, describe(response, 'a Link rel="next"')
    following = api.get(target)
    page = expect_page(following, "total")
    assert page["count"] == 10, describe(following, "the next 10 items")
    assert "offset=10" in target, describe(response, "the next link at offset=10")


@case("p20.offset-last-page")
def test_last_offset_page_has_no_next_link(api):
    """The page that reaches the end (offset = total - 1, limit=100) → no Link rel="next"."""
    total = expect_page(api.get("/p20/items", params={"offset": 0}), "total")["total"]
    response = api.get("/p20/items", params={"limit": 100, "offset": total - 1})
    body = expect_page(response, "total")
    assert 1 <= body["count"] <= 100, describe(response, "the last items")
    assert next_url(response) is None, describe(response, 'no Link rel="next"')


@case("p20.offset-past-end")
def test_offset_past_the_end_is_empty(api):
    """offset=1,000,000,000 → 200 with items [] and no Link rel="next"."""
    response = api.get("/p20/items", params={"offset": 1_000_000_000})
    assert expect_page(response)["items"] == [], describe(response, "items []")
    assert next_url(response) is None, describe(response, 'no Link rel="next"')


@case("p20.cursor-next-page")
def test_next_cursor_continues_where_the_page_ended(api):
    """Page 2 by next_cursor starts right after page 1: no overlap, older items."""
    response = api.get("/p20/items", params={"limit": 5})
    first = expect_page(response, "next_cursor")
    cursor = first["next_cursor"]
    assert isinstance(cursor, str) and cursor, describe(response, "a next_cursor string")
    following = api.get("/p20/items", params={"limit": 5, "cursor": cursor})
    second = expect_page(following, "next_cursor")
    assert second["count"] == 5, describe(following, "5 items")
    first_ids = {item["id"] for item in first["items"]}
    assert not first_ids & {item["id"] for item in second["items"]}, describe(
        following, f"none of {sorted(first_ids)} again"
    )
    assert created(second["items"][0]) <= created(first["items"][-1]), describe(
        following, "items not newer than the end of page 1"
    )


@case("p20.cursor-link-matches")
def test_link_next_is_the_same_page_as_next_cursor(api):
    """Following Link rel="next" gives the page that ?cursor=next_cursor gives."""
    response = api.get("/p20/items", params={"limit": 7})
    cursor = expect_page(response, "next_cursor")["next_cursor"]
    target = next_url(response)
    assert target is not None, describe(response, 'a Link rel="next"')
    by_link = expect_page(api.get(target))["items"]
    by_cursor = expect_page(api.get("/p20/items", params={"limit": 7, "cursor": cursor}))["items"]
    assert [i["id"] for i in by_link] == [i["id"] for i in by_cursor], describe(
        response, "the same items by Link and by next_cursor"
    )


@case("p20.cursor-walk-complete")
def test_cursor_walk_yields_every_item_once(api):
    """Walking all keyset pages (limit=100) → >= 1,000 items, each once, newest first, and the
    last page has next_cursor null and no Link."""
    items = walk(api)
    ids = [item["id"] for item in items]
    assert len(ids) >= 1000, f"the walk yielded {len(ids)} items, expected >= 1000"
    assert len(ids) == len(set(ids)), "the walk yielded an item twice"
    times = [created(item) for item in items]
    assert times == sorted(times, reverse=True), "the walk is not newest first"


@case("p20.cursor-walk-under-inserts")
def test_cursor_walk_under_inserts_skips_and_repeats_nothing(api, unique):
    """A walk with two inserts between every two pages: no item twice, newest first, and every
    item of an earlier walk (all existed before this one began) is there."""
    before = {item["id"] for item in walk(api)}

    def insert_two() -> None:
        for _ in range(2):
            expect_status(api.post("/p20/items", json={"name": f"during {unique()}"}), 201)

    items = walk(api, between_pages=insert_two)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), "the walk under inserts yielded an item twice"
    skipped = before - set(ids)
    assert not skipped, f"the walk under inserts skipped {len(skipped)} items: {sorted(skipped)}"
    times = [created(item) for item in items]
    assert times == sorted(times, reverse=True), "the walk under inserts is not newest first"


@case("p20.tampered-cursor-422")
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(tamper, id="middle-char"),
        pytest.param(lambda c: c[:-1], id="truncated"),
        pytest.param(lambda c: c + "A", id="extended"),
        pytest.param(lambda c: c[::-1], id="reversed"),
    ],
)
def test_tampered_cursor_is_422(api, change):
    """A cursor the server issued, then altered → 422 naming cursor."""
    cursor = first_cursor(api)
    altered = change(cursor)
    assert altered != cursor, f"the altered cursor {altered!r} must differ from {cursor!r}"
    expect_validation_error(api.get("/p20/items", params={"cursor": altered}), "cursor")


@case("p20.spliced-cursor-422")
@pytest.mark.parametrize(
    "fraction",
    [
        pytest.param(0.25, id="quarter"),
        pytest.param(0.5, id="half"),
        pytest.param(0.75, id="three-quarters"),
    ],
)
def test_spliced_cursor_is_422(api, fraction):
    """Two cursors the server issued, spliced into one it never issued → 422 naming cursor.

    Every piece is well-formed, so only an integrity check (not a format check) refuses it."""
    first = first_cursor(api, limit=3)
    second = expect_page(api.get("/p20/items", params={"limit": 3, "cursor": first}))["next_cursor"]
    assert isinstance(second, str) and second != first, "two different cursors were expected"
    # Cut between the first and the last position where the two differ, so the splice takes
    # at least one differing character from each cursor and equals neither.
    shortest = min(len(first), len(second))
    diffs = [i for i in range(shortest) if first[i] != second[i]]
    diffs += [shortest] if len(first) != len(second) else []
    assert len(diffs) >= 2, "the cursors must differ in two places to be spliced"
    cut = diffs[0] + 1 + int((diffs[-1] - diffs[0] - 1) * fraction)
    spliced = first[:cut] + second[cut:]
    assert spliced not in (first, second), "the splice must differ from both cursors"
    expect_validation_error(api.get("/p20/items", params={"cursor": spliced}), "cursor")


@case("p20.garbage-cursor-422")
@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("", id="empty"),
        pytest.param("abc", id="short"),
        pytest.param("1000", id="an-id"),
        pytest.param("' OR 1=1 --", id="sql-looking"),
        pytest.param("eyJpZCI6IDF9", id="base64-json"),
        pytest.param("A" * 1000, id="long"),
    ],
)
def test_garbage_cursor_is_422(api, cursor):
    """A cursor the server never issued → 422 naming cursor."""
    expect_validation_error(api.get("/p20/items", params={"cursor": cursor}), "cursor")


@case("p20.offset-with-cursor-422")
def test_offset_together_with_cursor_is_422(api):
    """offset and cursor in one request → 422 naming offset or cursor."""
    response = api.get("/p20/items", params={"offset": 0, "cursor": first_cursor(api)})
    errors = expect_validation_error(response)
    assert "offset" in errors or "cursor" in errors, describe(response, "errors naming either")


@case("p20.bad-limit-offset-422")
@pytest.mark.parametrize(("params", "field"), BAD_PAGING)
def test_bad_limit_or_offset_is_422(api, params, field):
    """Out-of-range or non-integer limit/offset → 422 naming the parameter."""
    expect_validation_error(api.get("/p20/items", params=params), field)


@case("p20.create-item-201")
def test_create_item_is_newest(api, unique):
    """POST /p20/items {"name"} → 201 + Location (GET → the item); it is in the first page."""
    name = f"item {unique()}"
    response = api.post("/p20/items", json={"name": name})
    item = expect_json(response, 201)
    assert item.get("name") == name, describe(response, f"name {name!r}")
    again = api.get(str(response.url.join(header_value(response, "location"))))
    assert expect_json(again, 200) == item, describe(again, f"the item {item}")
    page = api.get("/p20/items", params={"limit": 100})
    ids = [entry["id"] for entry in expect_page(page)["items"]]
    assert item.get("id") in ids, describe(page, f"item {item.get('id')} among the newest")


@case("p20.create-item-invalid-422")
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param({}, "name", id="missing"),
        pytest.param({"name": ""}, "name", id="empty"),
        pytest.param({"name": 7}, "name", id="number"),
        pytest.param({"name": "ok", "created_at": "2000-01-01T00:00:00Z"}, "created_at", id="unk"),
    ],
)
def test_invalid_item_is_422(api, payload, field):
    """A missing, empty or non-string name, or an unknown field → 422 naming it."""
    expect_validation_error(api.post("/p20/items", json=payload), field)
