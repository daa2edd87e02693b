"""p13 insert-row (CATALOG Level 2): POST /p13/notes.

POST /p13/notes {"title":1-200 chars,"body"?} → 201 + Location via a parameterized raw SQL
INSERT; SQL-looking text is stored literally.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- every test first calls POST /p12/setup (idempotent): the table exists only after it;
- the answer is the stored note {"id","title","body","created_at","updated_at"}; `Location`
  is where the note is read (GET on it → 200, the same note);
- `body` is optional and defaults to "" (an empty string, not null); its maximum length is
  the implementation's (the 1 MiB body limit of §0 always applies);
- lengths count characters (code points), not bytes: 200 x "é" is a valid title;
- created_at == updated_at on insert; timestamps are ISO 8601 with a UTC offset;
- text is stored exactly as sent (no trimming), but a NUL character (PostgreSQL text cannot
  hold it) and an unpaired surrogate (not a character) → 422 on every database;
- titles are not unique: the same title twice gives two notes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from contracts.harness import (
    aware_time,
    case,
    describe,
    expect_problem,
    expect_status,
    expect_validation_error,
    header_value,
)
from contracts.level2.notes_helpers import expect_note, setup_notes

SQL_LOOKING_TEXT = [
    pytest.param("'); DROP TABLE notes;--", id="drop-table"),
    pytest.param("Robert'); DELETE FROM notes; --", id="delete-all"),
    pytest.param('" OR "1"="1', id="or-true"),
    pytest.param("x' OR '1'='1", id="single-quote-or"),
    pytest.param("%s %(title)s :title ? $1 {0}", id="placeholders"),
    pytest.param("back\\slash \\' \\\" end\\", id="backslashes"),
    pytest.param("1; SELECT pg_sleep(5); --", id="stacked-query"),
    pytest.param("Zoë — 七転び八起き 🎉 \u200b", id="unicode"),
    pytest.param("  spaced  \ttab\nnewline  ", id="whitespace-kept"),
]


@pytest.fixture(autouse=True)
def notes_table(api: httpx.Client) -> None:
    """The notes table exists once POST /p12/setup has run (idempotent: safe every time)."""
    setup_notes(api)


def create(api: httpx.Client, payload: dict[str, Any]) -> tuple[dict[str, Any], httpx.Response]:
    """POST /p13/notes with this exact payload → 201 note with Location."""
    response = api.post("/p13/notes", json=payload)
    note = expect_note(response, 201)
    header_value(response, "location")
    return note, response


def read_back(api: httpx.Client, created: httpx.Response) -> dict[str, Any]:
    """GET the created note's Location → 200, that note."""
    location = header_value(created, "location")
    return expect_note(api.get(str(created.url.join(location))), 200)


@case("p13.insert-created")
def test_insert_is_201_with_the_stored_note(api, unique):
    """POST {"title","body"} → 201 with the note: the id, the values sent, timestamps."""
    title, text = f"note {unique()}", f"body {unique()}"
    note, response = create(api, {"title": title, "body": text})
    assert note["title"] == title and note["body"] == text, describe(
        response, "the title and body that were sent"
    )
    assert note["id"] >= 1, describe(response, "a positive id")


@case("p13.location-reads-back")
def test_location_reads_the_same_note(api, unique):
    """GET on the 201's Location → 200 with the same id, title and body."""
    note, response = create(api, {"title": f"loc {unique()}", "body": "b"})
    again = read_back(api, response)
    for field in ("id", "title", "body"):
        assert again[field] == note[field], describe(response, f"{field} == {note[field]!r}")


@case("p13.body-defaults-empty")
def test_body_is_optional_and_defaults_to_empty(api, unique):
    """POST {"title"} alone → 201 with body "" (choice: an empty string, not null)."""
    note, response = create(api, {"title": f"no body {unique()}"})
    assert note["body"] == "", describe(response, 'body == ""')


@case("p13.timestamps-on-insert")
def test_timestamps_are_set_and_equal_on_insert(api, unique):
    """created_at and updated_at are aware ISO 8601, equal on insert, close to now."""
    note, response = create(api, {"title": f"time {unique()}"})
    created, updated = aware_time(note["created_at"]), aware_time(note["updated_at"])
    assert created == updated, describe(response, "created_at == updated_at on insert")
    drift = abs(datetime.now(created.tzinfo) - created) if created else None
    assert drift is not None and drift < timedelta(hours=1), describe(
        response, "created_at within an hour of the client's clock"
    )


@case("p13.sql-text-stored-literally")
@pytest.mark.parametrize("text", SQL_LOOKING_TEXT)
def test_sql_looking_text_is_stored_literally(api, unique, text):
    """SQL-looking text in title and body is stored and read back exactly as sent."""
    note, response = create(api, {"title": text, "body": f"{text} {unique()}"})
    again = read_back(api, response)
    assert note["title"] == text and again["title"] == text, describe(
        response, f"title stored literally: {text!r}"
    )
    assert again["body"] == note["body"], describe(response, "body stored literally")


@case("p13.table-survives-sql-text")
def test_the_table_survives_a_drop_table_title(api, unique):
    """After a note titled `'); DROP TABLE notes;--`, inserts and reads still work."""
    create(api, {"title": "'); DROP TABLE notes;--"})
    note, response = create(api, {"title": f"after {unique()}"})
    assert read_back(api, response)["id"] == note["id"], describe(response, "the table intact")
    expect_status(api.get("/p14/notes"), 200)


@case("p13.same-title-twice")
def test_same_title_twice_gives_two_notes(api, unique):
    """Titles are not unique: the same title twice → two 201s with different ids."""
    title = f"twice {unique()}"
    first, _ = create(api, {"title": title})
    second, response = create(api, {"title": title})
    assert first["id"] != second["id"], describe(response, f"an id other than {first['id']}")


@case("p13.title-length-valid")
@pytest.mark.parametrize(
    "title",
    [
        pytest.param("a", id="one-char"),
        pytest.param("x" * 200, id="200-chars"),
        pytest.param("é" * 200, id="200-two-byte-chars"),
        pytest.param("🎉" * 200, id="200-four-byte-chars"),
    ],
)
def test_title_of_1_to_200_characters_is_accepted(api, title):
    """A title of 1-200 characters (characters, not bytes) → 201 with that title."""
    response = api.post("/p13/notes", json={"title": title})
    assert expect_note(response, 201)["title"] == title, describe(response, "that title")


@case("p13.title-length-invalid")
@pytest.mark.parametrize(
    "title",
    [pytest.param("", id="empty"), pytest.param("x" * 201, id="201-chars")],
)
def test_title_empty_or_over_200_characters_is_422(api, title):
    """An empty title or one of 201 characters → 422 naming title."""
    expect_validation_error(api.post("/p13/notes", json={"title": title}), "title")


@case("p13.title-required")
@pytest.mark.parametrize(
    "payload",
    [pytest.param({}, id="empty-object"), pytest.param({"body": "only a body"}, id="body-only")],
)
def test_missing_title_is_422(api, payload):
    """A body without `title` → 422 naming title."""
    expect_validation_error(api.post("/p13/notes", json=payload), "title")


@case("p13.wrong-types")
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param({"title": 5}, "title", id="title-number"),
        pytest.param({"title": True}, "title", id="title-boolean"),
        pytest.param({"title": None}, "title", id="title-null"),
        pytest.param({"title": ["a"]}, "title", id="title-array"),
        pytest.param({"title": {"a": 1}}, "title", id="title-object"),
        pytest.param({"title": "t", "body": 5}, "body", id="body-number"),
        pytest.param({"title": "t", "body": None}, "body", id="body-null"),
    ],
)
def test_wrong_types_are_422(api, payload, field):
    """A non-string title or body (numbers, booleans, null, arrays, objects) → 422 naming it."""
    expect_validation_error(api.post("/p13/notes", json=payload), field)


@case("p13.unknown-field")
@pytest.mark.parametrize("field", ["id", "created_at", "owner"])
def test_unknown_fields_are_422(api, field):
    """An unknown field (even `id` or `created_at`) → 422 naming it: no mass assignment."""
    response = api.post("/p13/notes", json={"title": "t", field: 1})
    expect_validation_error(response, field)


@case("p13.all-errors-at-once")
def test_every_invalid_field_is_reported(api):
    """{"title":"","body":5} → one 422 naming both title and body."""
    expect_validation_error(api.post("/p13/notes", json={"title": "", "body": 5}), "title", "body")


@case("p13.nul-refused")
@pytest.mark.parametrize("field", ["title", "body"])
def test_nul_character_is_422(api, field):
    """A NUL character (U+0000) in title or body → 422 naming it, on every database."""
    payload = {"title": "t", field: "before\u0000after"}
    expect_validation_error(api.post("/p13/notes", json=payload), field)


@case("p13.lone-surrogate-refused")
def test_unpaired_surrogate_is_422(api):
    """A JSON string with an unpaired surrogate escape ("\\ud800") → 422 naming title."""
    response = api.post(
        "/p13/notes",
        content=b'{"title": "x\\ud800y"}',
        headers={"Content-Type": "application/json"},
    )
    expect_validation_error(response, "title")


@case("p13.top-level-not-object")
def test_a_json_array_is_422_body(api):
    """A JSON array instead of an object → 422 with errors._body."""
    expect_validation_error(api.post("/p13/notes", json=[{"title": "t"}]), "_body")


@case("p13.malformed-json")
def test_malformed_json_is_400(api):
    """Content-Type: application/json with a broken body → 400 malformed-json."""
    response = api.post(
        "/p13/notes", content=b'{"title": "t"', headers={"Content-Type": "application/json"}
    )
    expect_problem(response, 400, "malformed-json")


@case("p13.not-json-415")
def test_non_json_content_type_is_415(api):
    """A form-encoded body → 415 unsupported-media-type."""
    response = api.post("/p13/notes", data={"title": "t"})
    expect_problem(response, 415, "unsupported-media-type")
