"""p17 orm-model (CATALOG Level 2): POST /p17/books, GET /p17/books, GET /p17/books/{id}.

A `Book` {"title","author","isbn","pages"}; a duplicate `isbn` → 409 conflict.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- the answer is the stored book {"id","title","author","isbn","pages","created_at"}; 201 has a
  `Location` where GET reads the same book;
- `title` and `author`: non-empty strings; no NUL (→ 422, on every database); text is stored
  exactly as sent; maximum lengths and blank-text rules are the implementation's;
- `isbn`: an ISBN-10 (last character may be X) or ISBN-13, a single hyphen allowed between
  characters, with a valid check digit (else 422 naming isbn); stored and returned as the 13
  plain digits, so the ISBN-10 and the ISBN-13 of one book are the same book (→ 409);
- `pages`: a JSON integer >= 1 ("300", 300.0, true → 422); one beyond 64 bits → 422 (never a
  500 from the database); an upper limit below that is the implementation's;
- GET /p17/books is a collection {"items","count"} newest first, with `limit` (default 20,
  max 100) and `offset`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contracts.harness import (
    aware_time,
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

BOOK_FIELDS = ("id", "title", "author", "isbn", "pages", "created_at")


def isbn13(seed: str) -> str:
    """A valid, run-unique ISBN-13 (979 prefix) derived from a unique token."""
    body = "979" + str(int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 10**9).zfill(9)
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def isbn10_and_13(seed: str) -> tuple[str, str]:
    """The ISBN-10 and the ISBN-13 (978 prefix) of one run-unique book."""
    core = str(int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 10**9).zfill(9)
    total10 = sum(int(d) * w for d, w in zip(core, range(10, 1, -1), strict=True))
    check10 = (11 - total10 % 11) % 11
    body13 = "978" + core
    total13 = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body13))
    return core + ("X" if check10 == 10 else str(check10)), body13 + str((10 - total13 % 10) % 10)


def with_wrong_check_digit(isbn: str) -> str:
    return isbn[:-1] + str((int(isbn[-1]) + 1) % 10)


def expect_book(response: httpx.Response, status: int) -> dict[str, Any]:
    """A book body: every field, integer id and pages, an aware created_at."""
    body = expect_json(response, status)
    assert isinstance(body, dict), describe(response, "a JSON object")
    missing = [name for name in BOOK_FIELDS if name not in body]
    assert not missing, describe(response, f"book fields {list(BOOK_FIELDS)} (missing {missing})")
    for name in ("id", "pages"):
        assert isinstance(body[name], int) and not isinstance(body[name], bool), describe(
            response, f"an integer {name}"
        )
    assert aware_time(body["created_at"]) is not None, describe(
        response, "created_at: ISO 8601 with a UTC offset"
    )
    return body


def new_book(unique: Callable[[], str], **overrides: Any) -> dict[str, Any]:
    token = unique()
    book = {"title": f"Book {token}", "author": f"Author {token}", "isbn": isbn13(token)}
    return {**book, "pages": 321, **overrides}


def create(api: httpx.Client, payload: dict[str, Any]) -> tuple[dict[str, Any], httpx.Response]:
    response = api.post("/p17/books", json=payload)
    return expect_book(response, 201), response


@case("p17.create-201")
def test_create_answers_201_with_the_stored_book(api, unique):
    """POST a valid book → 201 with the book: an id and exactly the values sent."""
    payload = new_book(unique)
    book, response = create(api, payload)
    for name, value in payload.items():
        assert book[name] == value, describe(response, f"{name} == {value!r}")


@case("p17.location-reads-back")
def test_location_reads_the_same_book(api, unique):
    """GET on the 201's Location → 200 with the same book."""
    book, response = create(api, new_book(unique))
    location = header_value(response, "location")
    again = expect_book(api.get(str(response.url.join(location))), 200)
    assert again == book, describe(response, f"GET {location} to return {book}")


@case("p17.get-by-id")
def test_get_by_id_returns_the_book(api, unique):
    """GET /p17/books/{id} of a created book → 200 with that book."""
    book, _ = create(api, new_book(unique))
    response = api.get(f"/p17/books/{book['id']}")
    assert expect_book(response, 200) == book, describe(response, f"the book {book}")


@case("p17.get-missing-404")
@pytest.mark.parametrize(
    "book_id",
    [
        pytest.param(str(MAX_ID), id="max-int64"),
        pytest.param("1%27%20OR%201=1", id="sql-looking"),
        *NON_INTEGER_IDS,
    ],
)
def test_missing_or_malformed_id_is_404(api, book_id):
    """GET /p17/books/{id} for a missing, huge or non-integer id → 404 not-found."""
    expect_problem(api.get(f"/p17/books/{book_id}"), 404, "not-found")


@case("p17.duplicate-isbn-409")
def test_duplicate_isbn_is_409_conflict(api, unique):
    """A second book with the same isbn (other title/author) → 409 conflict."""
    first = new_book(unique)
    create(api, first)
    second = new_book(unique, isbn=first["isbn"])
    expect_problem(api.post("/p17/books", json=second), 409, "conflict")


@case("p17.isbn10-and-isbn13-same-book")
def test_isbn10_and_its_isbn13_conflict(api, unique):
    """The ISBN-10 then the ISBN-13 of one book → 201 (isbn returned as 13 digits), then 409."""
    isbn10, isbn13_form = isbn10_and_13(unique())
    book, response = create(api, new_book(unique, isbn=isbn10))
    assert book["isbn"] == isbn13_form, describe(response, f"isbn normalised to {isbn13_form}")
    expect_problem(api.post("/p17/books", json=new_book(unique, isbn=isbn13_form)), 409, "conflict")


@case("p17.isbn-hyphens-accepted")
def test_hyphenated_isbn_is_stored_as_digits(api, unique):
    """978-x-xxx-xxxxx-x (hyphens between digits) → 201, isbn returned as 13 digits."""
    plain = isbn13(unique())
    hyphenated = f"{plain[:3]}-{plain[3]}-{plain[4:7]}-{plain[7:12]}-{plain[12]}"
    book, response = create(api, new_book(unique, isbn=hyphenated))
    assert book["isbn"] == plain, describe(response, f"isbn == {plain!r}")


@case("p17.isbn-invalid-422")
@pytest.mark.parametrize(
    "isbn",
    [
        pytest.param("wrong-check-digit", id="check-digit"),
        pytest.param("123456789", id="nine-digits"),
        pytest.param("12345678901234", id="fourteen-digits"),
        pytest.param("97801234567XX", id="letters"),
        pytest.param("978--0123456789", id="double-hyphen"),
        pytest.param("' OR '1'='1", id="sql-looking"),
        pytest.param("", id="empty"),
    ],
)
def test_invalid_isbn_is_422(api, unique, isbn):
    """An isbn that is not a valid ISBN-10/13 (shape or check digit) → 422 naming isbn."""
    if isbn == "wrong-check-digit":
        isbn = with_wrong_check_digit(isbn13(unique()))
    expect_validation_error(api.post("/p17/books", json=new_book(unique, isbn=isbn)), "isbn")


@case("p17.wrong-types-422")
@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("pages", "300", id="pages-string"),
        pytest.param("pages", 300.0, id="pages-float"),
        pytest.param("pages", True, id="pages-boolean"),
        pytest.param("pages", None, id="pages-null"),
        pytest.param("title", 5, id="title-number"),
        pytest.param("author", ["a"], id="author-array"),
        pytest.param("isbn", 9780262510875, id="isbn-number"),
    ],
)
def test_wrong_types_are_422(api, unique, field, value):
    """A field of the wrong JSON type → 422 naming it."""
    expect_validation_error(api.post("/p17/books", json=new_book(unique, **{field: value})), field)


@case("p17.out-of-range-422")
@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("pages", 0, id="pages-zero"),
        pytest.param("pages", -5, id="pages-negative"),
        pytest.param("pages", 2**70, id="pages-huge"),
        pytest.param("title", "", id="title-empty"),
        pytest.param("author", "a\u0000b", id="author-nul"),
    ],
)
def test_out_of_range_values_are_422(api, unique, field, value):
    """pages < 1 or beyond 64 bits, an empty or NUL text → 422 naming the field."""
    expect_validation_error(api.post("/p17/books", json=new_book(unique, **{field: value})), field)


@case("p17.all-errors-at-once")
def test_every_invalid_field_is_reported(api):
    """Four invalid fields → one 422 naming all four."""
    payload = {"title": "", "author": 7, "isbn": "nope", "pages": "many"}
    expect_validation_error(
        api.post("/p17/books", json=payload), "title", "author", "isbn", "pages"
    )


@case("p17.required-and-unknown-422")
@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"drop": "isbn"}, "isbn", id="isbn-missing"),
        pytest.param({"drop": "pages"}, "pages", id="pages-missing"),
        pytest.param({"add": {"id": 5}}, "id", id="unknown-id"),
        pytest.param(
            {"add": {"created_at": "2020-01-01T00:00:00Z"}}, "created_at", id="unknown-created-at"
        ),
    ],
)
def test_missing_and_unknown_fields_are_422(api, unique, change, field):
    """A missing required field, or a field the client may not set (id) → 422 naming it."""
    payload = new_book(unique)
    payload.pop(change.get("drop", ""), None)
    payload.update(change.get("add", {}))
    expect_validation_error(api.post("/p17/books", json=payload), field)


@case("p17.not-json-415")
def test_non_json_body_is_415(api):
    """A form-encoded body → 415 unsupported-media-type."""
    response = api.post("/p17/books", data={"title": "t"})
    expect_problem(response, 415, "unsupported-media-type")


@case("p17.sql-text-stored-literally")
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("'); DROP TABLE books;--", id="drop-table"),
        pytest.param("x' OR '1'='1", id="or-true"),
        pytest.param("%s :title ? $1", id="placeholders"),
        pytest.param("Zoë — 七転び八起き 🎉", id="unicode"),
    ],
)
def test_sql_looking_text_is_stored_literally(api, unique, text):
    """SQL-looking title and author are stored and read back exactly; the table survives."""
    book, response = create(api, new_book(unique, title=text, author=f"{text} {unique()}"))
    again = expect_book(api.get(f"/p17/books/{book['id']}"), 200)
    assert again["title"] == text == book["title"], describe(response, f"title {text!r}")
    expect_status(api.get("/p17/books"), 200)


@case("p17.list-newest-first")
def test_list_is_newest_first(api, unique):
    """Two books created in turn: the second is listed before the first (limit=100)."""
    first, _ = create(api, new_book(unique))
    second, _ = create(api, new_book(unique))
    response = api.get("/p17/books", params={"limit": 100})
    body = expect_json(response, 200)
    ids = [item.get("id") for item in body.get("items", [])]
    assert first["id"] in ids and second["id"] in ids, describe(response, "both new books")
    assert ids.index(second["id"]) < ids.index(first["id"]), describe(
        response, f"book {second['id']} (newer) before book {first['id']}"
    )


@case("p17.list-limit")
@pytest.mark.parametrize(
    ("limit", "most"), [pytest.param(1, 1, id="one"), pytest.param(None, 20, id="default")]
)
def test_list_honours_limit_and_counts(api, unique, limit, most):
    """{"items","count"}: count == len(items) <= limit (default 20)."""
    create(api, new_book(unique))
    response = api.get("/p17/books", params={"limit": limit} if limit else {})
    body = expect_json(response, 200)
    items = body.get("items")
    assert isinstance(items, list) and 1 <= len(items) <= most, describe(
        response, f"1 to {most} items"
    )
    assert body.get("count") == len(items), describe(response, "count == len(items)")


@case("p17.list-offset-past-end")
def test_offset_past_the_end_is_an_empty_page(api):
    """offset=1,000,000,000 (far past the last row) → 200 {"items":[],"count":0}."""
    response = api.get("/p17/books", params={"offset": 1_000_000_000})
    body = expect_json(response, 200)
    assert body.get("items") == [] and body.get("count") == 0, describe(
        response, "items [] and count 0"
    )


@case("p17.bad-paging-422")
@pytest.mark.parametrize(("params", "field"), BAD_PAGING)
def test_bad_limit_or_offset_is_422(api, params, field):
    """Out-of-range or non-integer limit/offset → 422 naming the parameter."""
    expect_validation_error(api.get("/p17/books", params=params), field)
