"""p15 update-row (CATALOG Level 2): PUT and PATCH /p15/notes/{id}.

PUT (full) and PATCH (partial) → 200 with a new `updated_at`; `If-Match` with a stale ETag
→ 412 precondition-failed (no lost update).

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- every test first calls POST /p12/setup (idempotent);
- the answer is the updated note (200) with its new ETag; `updated_at` is strictly later
  than before, even for updates in quick succession; `created_at` and `id` never change;
- PUT needs both `title` and `body` (a PUT that forgot `body` must not erase it); PATCH
  needs at least one of them: `{}` → 422 with errors._body; the field rules are p13's;
- If-Match is optional (without it the last writer wins); `*` matches any existing note;
  comparison is strong (RFC 9110), so a weak tag `W/"…"` never matches → 412;
- a 412 changes nothing: the note, its updated_at and its ETag stay as they were;
- an id with no note → 404, with or without If-Match (preconditions do not turn a 404
  into a 412).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from contracts.harness import (
    aware_time,
    case,
    describe,
    expect_problem,
    expect_validation_error,
    header_value,
)
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS
from contracts.level2.notes_helpers import (
    create_note,
    expect_note,
    read_note,
    setup_notes,
)

# Each update kind, with a payload valid for it.
KINDS = [
    pytest.param("PUT", {"title": "put title", "body": "put body"}, id="put"),
    pytest.param("PATCH", {"title": "patch title"}, id="patch"),
]


@pytest.fixture(autouse=True)
def notes_table(api: httpx.Client) -> None:
    """The notes table exists once POST /p12/setup has run (idempotent: safe every time)."""
    setup_notes(api)


def update(
    api: httpx.Client, method: str, note_id: Any, payload: Any, if_match: str | None = None
) -> httpx.Response:
    headers = {"If-Match": if_match} if if_match is not None else {}
    return api.request(method, f"/p15/notes/{note_id}", json=payload, headers=headers)


@case("p15.put-replaces")
def test_put_replaces_title_and_body(api, unique):
    """PUT {"title","body"} → 200 with both replaced; id and created_at unchanged."""
    note, _ = create_note(api, f"before {unique()}", "old body")
    title = f"after {unique()}"
    response = update(api, "PUT", note["id"], {"title": title, "body": "new body"})
    got = expect_note(response, 200)
    assert (got["title"], got["body"]) == (title, "new body"), describe(
        response, f"title {title!r} and body 'new body'"
    )
    assert (got["id"], got["created_at"]) == (note["id"], note["created_at"]), describe(
        response, "the same id and created_at"
    )


@case("p15.patch-partial")
@pytest.mark.parametrize("field", ["title", "body"])
def test_patch_changes_only_the_fields_sent(api, unique, field):
    """PATCH with one field → that field changes, the other keeps its value."""
    note, _ = create_note(api, f"patch {unique()}", "original body")
    value = f"patched {unique()}"
    response = update(api, "PATCH", note["id"], {field: value})
    got = expect_note(response, 200)
    other = "body" if field == "title" else "title"
    assert got[field] == value and got[other] == note[other], describe(
        response, f"{field} == {value!r}, {other} unchanged ({note[other]!r})"
    )


@case("p15.updated-at-later")
@pytest.mark.parametrize(("method", "payload"), KINDS)
def test_updated_at_moves_forward(api, unique, method, payload):
    """Each update → updated_at strictly later than before, even three in quick succession."""
    note, _ = create_note(api, f"clock {unique()}")
    previous = aware_time(note["updated_at"])
    for _ in range(3):
        response = update(api, method, note["id"], payload)
        current = aware_time(expect_note(response, 200)["updated_at"])
        assert previous is not None and current is not None and current > previous, describe(
            response, f"updated_at later than {previous}"
        )
        previous = current


@case("p15.update-visible-in-p14")
def test_update_is_what_p14_reads_with_a_new_etag(api, unique):
    """After PATCH, GET /p14/notes/{id} shows the change under a different ETag."""
    note, _ = create_note(api, f"visible {unique()}")
    _, old_etag, _ = read_note(api, note["id"])
    value = f"changed {unique()}"
    update_response = update(api, "PATCH", note["id"], {"body": value})
    expect_note(update_response, 200)
    got, new_etag, response = read_note(api, note["id"])
    assert got["body"] == value, describe(response, f"body {value!r}")
    assert new_etag != old_etag, describe(response, f"an ETag other than {old_etag}")
    assert header_value(update_response, "etag") == new_etag, describe(
        update_response, f"the update's ETag to be the one GET then shows ({new_etag})"
    )


@case("p15.if-match-current")
@pytest.mark.parametrize(("method", "payload"), KINDS)
def test_if_match_with_the_current_etag_is_200(api, unique, method, payload):
    """If-Match: <current ETag> → 200, the update applied."""
    note, _ = create_note(api, f"current {unique()}")
    _, etag, _ = read_note(api, note["id"])
    response = update(api, method, note["id"], payload, if_match=etag)
    assert expect_note(response, 200)["title"] == payload["title"], describe(
        response, "the update applied"
    )


@case("p15.if-match-stale")
@pytest.mark.parametrize(("method", "payload"), KINDS)
def test_if_match_with_a_stale_etag_is_412_and_changes_nothing(api, unique, method, payload):
    """If-Match: <an older ETag> → 412 precondition-failed; the note is left as it was."""
    note, _ = create_note(api, f"stale {unique()}")
    _, stale, _ = read_note(api, note["id"])
    expect_note(update(api, "PATCH", note["id"], {"body": "someone else's edit"}), 200)
    before, etag_before, _ = read_note(api, note["id"])
    response = update(api, method, note["id"], payload, if_match=stale)
    expect_problem(response, 412, "precondition-failed")
    after, etag_after, check = read_note(api, note["id"])
    assert after == before and etag_after == etag_before, describe(
        check, f"the note unchanged by the refused update: {before}"
    )


@case("p15.lost-update-prevented")
def test_two_writers_from_one_version_only_one_wins(api, unique):
    """Alice and Bob both read version E; Alice writes (200); Bob's write with E → 412."""
    note, _ = create_note(api, f"shared {unique()}", "v0")
    _, seen_by_both, _ = read_note(api, note["id"])
    alice = update(api, "PUT", note["id"], {"title": "alice", "body": "A"}, seen_by_both)
    expect_note(alice, 200)
    bob = update(api, "PUT", note["id"], {"title": "bob", "body": "B"}, seen_by_both)
    expect_problem(bob, 412, "precondition-failed")
    final, _, response = read_note(api, note["id"])
    assert (final["title"], final["body"]) == ("alice", "A"), describe(
        response, "Alice's version kept, Bob's refused"
    )


@case("p15.if-match-star")
def test_if_match_star_matches_an_existing_note(api, unique):
    """If-Match: * → 200 (the note exists)."""
    note, _ = create_note(api, f"star {unique()}")
    expect_note(update(api, "PATCH", note["id"], {"body": "x"}, if_match="*"), 200)


@case("p15.if-match-weak-412")
def test_if_match_with_a_weak_tag_is_412(api, unique):
    """If-Match: W/<current ETag> → 412: If-Match uses the strong comparison."""
    note, _ = create_note(api, f"weak {unique()}")
    _, etag, _ = read_note(api, note["id"])
    response = update(api, "PATCH", note["id"], {"body": "x"}, if_match=f"W/{etag}")
    expect_problem(response, 412, "precondition-failed")


@case("p15.if-match-list")
def test_if_match_list_containing_the_current_etag_is_200(api, unique):
    """If-Match: "other", <current> → 200 (any listed tag may match)."""
    note, _ = create_note(api, f"list {unique()}")
    _, etag, _ = read_note(api, note["id"])
    response = update(api, "PATCH", note["id"], {"body": "x"}, if_match=f'"other", {etag}')
    expect_note(response, 200)


@case("p15.put-needs-both-fields")
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param({"title": "only title"}, "body", id="no-body"),
        pytest.param({"body": "only body"}, "title", id="no-title"),
    ],
)
def test_put_without_a_field_is_422(api, unique, payload, field):
    """PUT is a full replacement: a missing title or body → 422 naming it."""
    note, _ = create_note(api, f"put {unique()}")
    expect_validation_error(update(api, "PUT", note["id"], payload), field)


@case("p15.patch-empty-422")
def test_empty_patch_is_422(api, unique):
    """PATCH {} → 422 with errors._body (an update that changes nothing is a client bug)."""
    note, _ = create_note(api, f"empty {unique()}")
    expect_validation_error(update(api, "PATCH", note["id"], {}), "_body")


@case("p15.bad-fields")
@pytest.mark.parametrize("method", ["PUT", "PATCH"])
@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"title": 5}, "title", id="title-number"),
        pytest.param({"title": None}, "title", id="title-null"),
        pytest.param({"title": ""}, "title", id="title-empty"),
        pytest.param({"title": "x" * 201}, "title", id="title-201-chars"),
        pytest.param({"title": "a\u0000b"}, "title", id="title-nul"),
        pytest.param({"body": True}, "body", id="body-boolean"),
        pytest.param({"body": None}, "body", id="body-null"),
        pytest.param({"id": 1}, "id", id="unknown-id"),
        pytest.param({"updated_at": "2000-01-01T00:00:00Z"}, "updated_at", id="unknown-stamp"),
    ],
)
def test_bad_fields_are_422(api, unique, method, change, field):
    """Wrong types, bad lengths, NUL, unknown fields → 422 naming the field; nothing changes."""
    note, _ = create_note(api, f"bad {unique()}", "kept")
    payload = {"title": "valid title", "body": "valid body", **change}
    expect_validation_error(update(api, method, note["id"], payload), field)
    got, _, response = read_note(api, note["id"])
    assert (got["title"], got["body"]) == (note["title"], "kept"), describe(
        response, "the note unchanged"
    )


@case("p15.sql-text-literal")
def test_sql_looking_text_is_stored_literally(api, unique):
    """PUT with SQL-looking text → stored and read back exactly as sent."""
    note, _ = create_note(api, f"sql {unique()}")
    text = "x'; UPDATE notes SET title = 'pwned'; --"
    expect_note(update(api, "PUT", note["id"], {"title": text, "body": text}), 200)
    got, _, response = read_note(api, note["id"])
    assert got["title"] == text and got["body"] == text, describe(response, f"{text!r} kept")


@case("p15.missing-404")
@pytest.mark.parametrize(("method", "payload"), KINDS)
@pytest.mark.parametrize("if_match", [None, '"whatever"', "*"], ids=["plain", "tag", "star"])
def test_missing_note_is_404(api, method, payload, if_match):
    """PUT/PATCH on an id with no note → 404 not-found, whatever If-Match says."""
    response = update(api, method, MAX_ID, payload, if_match=if_match)
    expect_problem(response, 404, "not-found")


@case("p15.non-integer-id-404")
@pytest.mark.parametrize("raw_id", NON_INTEGER_IDS)
def test_non_integer_id_is_404(api, raw_id):
    """An id that is not a plain integer within 64 bits → 404 not-found."""
    response = update(api, "PATCH", raw_id, {"title": "t"})
    expect_problem(response, 404, "not-found")
