"""p16 delete-row (CATALOG Level 2): DELETE /p16/notes/{id}.

DELETE → 204, again → 404; the note is gone from p14.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- every test first calls POST /p12/setup (idempotent);
- 204 has an empty body; a deleted note is 404 everywhere (p14 read, p15 update, p16 delete)
  and absent from the p14 list; its id is never reused for a later note;
- DELETE honours If-Match like p15: a stale ETag → 412 and the note stays; the current ETag
  or `*` → 204; without If-Match the delete is unconditional.
"""

from __future__ import annotations

import httpx
import pytest

from contracts.harness import case, describe, expect_json, expect_problem, expect_status
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS
from contracts.level2.notes_helpers import (
    create_note,
    expect_note,
    read_note,
    setup_notes,
)


@pytest.fixture(autouse=True)
def notes_table(api: httpx.Client) -> None:
    """The notes table exists once POST /p12/setup has run (idempotent: safe every time)."""
    setup_notes(api)


def listed_ids(api: httpx.Client) -> tuple[list[int], httpx.Response]:
    response = api.get("/p14/notes", params={"limit": 100})
    body = expect_json(response, 200)
    assert isinstance(body, dict) and isinstance(body.get("items"), list), describe(
        response, "an items list"
    )
    return [item.get("id") for item in body["items"] if isinstance(item, dict)], response


@case("p16.delete-204")
def test_delete_is_204_with_no_body(api, unique):
    """DELETE /p16/notes/{id} → 204 with an empty body."""
    note, _ = create_note(api, f"delete {unique()}")
    response = api.delete(f"/p16/notes/{note['id']}")
    expect_status(response, 204)
    assert response.content == b"", describe(response, "an empty body")


@case("p16.delete-again-404")
def test_second_delete_is_404(api, unique):
    """DELETE the same note again → 404 not-found."""
    note, _ = create_note(api, f"twice {unique()}")
    expect_status(api.delete(f"/p16/notes/{note['id']}"), 204)
    expect_problem(api.delete(f"/p16/notes/{note['id']}"), 404, "not-found")


@case("p16.gone-from-p14")
def test_deleted_note_is_gone_from_reads(api, unique):
    """After DELETE: GET /p14/notes/{id} → 404, and the id is no longer listed."""
    note, _ = create_note(api, f"gone {unique()}")
    before, response = listed_ids(api)
    assert note["id"] in before, describe(response, f"note {note['id']} listed before")
    expect_status(api.delete(f"/p16/notes/{note['id']}"), 204)
    expect_problem(api.get(f"/p14/notes/{note['id']}"), 404, "not-found")
    after, response = listed_ids(api)
    assert note["id"] not in after, describe(response, f"note {note['id']} no longer listed")


@case("p16.gone-from-p15")
def test_deleted_note_cannot_be_updated(api, unique):
    """After DELETE: PATCH /p15/notes/{id} → 404 (not a resurrection)."""
    note, _ = create_note(api, f"no update {unique()}")
    expect_status(api.delete(f"/p16/notes/{note['id']}"), 204)
    response = api.patch(f"/p15/notes/{note['id']}", json={"title": "back"})
    expect_problem(response, 404, "not-found")


@case("p16.others-untouched")
def test_deleting_one_note_keeps_the_others(api, unique):
    """Deleting one note leaves a note created just before it readable and unchanged."""
    kept, _ = create_note(api, f"kept {unique()}", "still here")
    doomed, _ = create_note(api, f"doomed {unique()}")
    expect_status(api.delete(f"/p16/notes/{doomed['id']}"), 204)
    got, _, response = read_note(api, kept["id"])
    assert got == kept, describe(response, f"note {kept['id']} unchanged")


@case("p16.id-not-reused")
def test_a_new_note_never_reuses_a_deleted_id(api, unique):
    """Delete the newest note, create another: the new id is not the deleted one."""
    doomed, _ = create_note(api, f"last {unique()}")
    expect_status(api.delete(f"/p16/notes/{doomed['id']}"), 204)
    fresh, response = create_note(api, f"next {unique()}")
    assert fresh["id"] != doomed["id"], describe(response, f"an id other than {doomed['id']}")
    expect_problem(api.get(f"/p14/notes/{doomed['id']}"), 404, "not-found")


@case("p16.if-match-stale-412")
def test_delete_with_a_stale_etag_is_412_and_keeps_the_note(api, unique):
    """DELETE with If-Match: <older ETag> → 412 precondition-failed; the note is still there."""
    note, _ = create_note(api, f"guarded {unique()}")
    _, stale, _ = read_note(api, note["id"])
    expect_note(api.patch(f"/p15/notes/{note['id']}", json={"body": "edited"}), 200)
    response = api.delete(f"/p16/notes/{note['id']}", headers={"If-Match": stale})
    expect_problem(response, 412, "precondition-failed")
    got, _, check = read_note(api, note["id"])
    assert got["body"] == "edited", describe(check, "the note still there, edited")


@case("p16.if-match-current-204")
@pytest.mark.parametrize("use_star", [False, True], ids=["etag", "star"])
def test_delete_with_the_current_etag_is_204(api, unique, use_star):
    """DELETE with If-Match: <current ETag> (or *) → 204, then the note is 404."""
    note, _ = create_note(api, f"current {unique()}")
    _, etag, _ = read_note(api, note["id"])
    headers = {"If-Match": "*" if use_star else etag}
    expect_status(api.delete(f"/p16/notes/{note['id']}", headers=headers), 204)
    expect_problem(api.get(f"/p14/notes/{note['id']}"), 404, "not-found")


@case("p16.missing-404")
def test_missing_note_is_404(api):
    """DELETE /p16/notes/2^63-1 (well formed, no such note) → 404 not-found."""
    expect_problem(api.delete(f"/p16/notes/{MAX_ID}"), 404, "not-found")


@case("p16.non-integer-id-404")
@pytest.mark.parametrize("raw_id", NON_INTEGER_IDS)
def test_non_integer_id_is_404(api, raw_id):
    """An id that is not a plain integer within 64 bits → 404 not-found."""
    expect_problem(api.delete(f"/p16/notes/{raw_id}"), 404, "not-found")
