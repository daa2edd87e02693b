"""Shared steps of the p12-p16 contracts: set up the table, create, read and check notes.

Not a test module (no cases here): the p13-p16 files import these helpers so that each file
reads as its rules, not as plumbing.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from contracts.harness import aware_time, describe, expect_json, expect_status, header_value

NOTE_FIELDS = ("id", "title", "body", "created_at", "updated_at")
# RFC 9110 §8.8.3: entity-tag = [ W/ ] DQUOTE *etagc DQUOTE
STRONG_ETAG = re.compile(r'"[\x21\x23-\x7e\x80-\xff]*"')


def setup_notes(api: httpx.Client) -> None:
    """POST /p12/setup → 200: the notes table exists afterwards (idempotent)."""
    expect_status(api.post("/p12/setup"), 200)


def expect_note(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    """A note body: integer id, string title and body, two timestamps with a timezone."""
    body = expect_json(response, status)
    assert isinstance(body, dict), describe(response, "a JSON object")
    missing = [name for name in NOTE_FIELDS if name not in body]
    assert not missing, describe(response, f"note fields {list(NOTE_FIELDS)} (missing {missing})")
    assert isinstance(body["id"], int) and not isinstance(body["id"], bool), describe(
        response, "an integer id"
    )
    assert isinstance(body["title"], str) and isinstance(body["body"], str), describe(
        response, "string title and body"
    )
    for field in ("created_at", "updated_at"):
        assert aware_time(body[field]) is not None, describe(
            response, f"{field}: ISO 8601 with a timezone"
        )
    return body


def create_note(
    api: httpx.Client, title: str, body: str | None = None
) -> tuple[dict[str, Any], httpx.Response]:
    """POST /p13/notes → 201 note with a Location header; the note and the response."""
    payload = {"title": title} if body is None else {"title": title, "body": body}
    response = api.post("/p13/notes", json=payload)
    note = expect_note(response, 201)
    header_value(response, "location")
    return note, response


def read_note(api: httpx.Client, note_id: int) -> tuple[dict[str, Any], str, httpx.Response]:
    """GET /p14/notes/{id} → 200 with a strong ETag; the note, the ETag, the response."""
    response = api.get(f"/p14/notes/{note_id}")
    note = expect_note(response, 200)
    etag = header_value(response, "etag")
    assert STRONG_ETAG.fullmatch(etag), describe(response, 'a strong ETag: "…" without W/')
    assert note["id"] == note_id, describe(response, f"the note with id {note_id}")
    return note, etag, response
