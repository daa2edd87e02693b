"""p40 soft-delete (CATALOG Level 4): /p40/documents, DELETE marks, restore undoes.

Choices where the catalog is silent (also in the Flask track's p40 NOTES.md):
- A document is `{"id","owner_id","title","slug","body","created_at","deleted_at"}`;
  `POST /p40/documents {"title","slug","body"?}` needs a token; reading (list, one document)
  needs none: documents are published.
- `slug`: 1-100 of lower-case letters and digits in words joined by single hyphens. Slugs are
  unique among LIVE documents across all users (a URL namespace, like usernames), so a slug
  taken by another user's live document is 409 too.
- Restoring a live document is idempotent: 200 with it. Delete and restore check existence
  first (404), then the caller (403), then the state; a soft-deleted document is 404 to GET
  and to DELETE for everyone, admins included (admins see it in `?include_deleted=true`).
- `include_deleted` takes `true` or `false` only; `true` without a token → 401.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from contracts.harness import (
    aware_time,
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
)
from contracts.harness.http import make_client
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS
from contracts.harness.paging import BAD_PAGING
from contracts.level3.auth_helpers import expect_token_problem, get_token

FIELDS = {"id", "owner_id", "title", "slug", "body", "created_at", "deleted_at"}


@pytest.fixture
def other_user(api, make_user):
    """A second fresh user with an access token (not the owner of `user`'s documents)."""
    account = make_user()
    account.access_token = get_token(api, account.email, account.password)
    return account


def create(api, account, slug, title="A document", **extra):
    return api.post(
        "/p40/documents",
        headers=account.headers,
        json={"title": title, "slug": slug, **extra},
    )


def created(api, account, slug, **extra) -> dict:
    """Create a document that must succeed; its body."""
    response = create(api, account, slug, **extra)
    body = expect_json(response, 201)
    assert body.get("slug") == slug, describe(response, f"the document with slug {slug!r}")
    return body


def delete(api, account, document_id):
    return api.delete(f"/p40/documents/{document_id}", headers=account.headers)


def restore(api, account, document_id):
    return api.post(f"/p40/documents/{document_id}/restore", headers=account.headers)


def listed_ids(api, headers=None, **params) -> list[int]:
    """Ids of the newest 100 documents (optionally with ?include_deleted=...)."""
    response = api.get("/p40/documents", headers=headers or {}, params={"limit": 100, **params})
    body = expect_json(response, 200)
    items = body.get("items")
    assert isinstance(items, list) and body.get("count") == len(items), describe(
        response, "items and count == len(items)"
    )
    return [item["id"] for item in items]


# ---------------------------------------------------------------- create and read


@case("p40.create-201")
def test_create_answers_201_with_the_document(api, user, unique):
    """POST /p40/documents with a token → 201 the document, owner the caller, deleted_at null;
    Location reads it back."""
    slug = f"doc-{unique()}"
    response = create(api, user, slug, title="Release notes", body="Fixed bugs.")
    body = expect_json(response, 201)
    assert set(body) >= FIELDS, describe(response, f"fields {sorted(FIELDS)}")
    assert (body["title"], body["slug"], body["body"]) == ("Release notes", slug, "Fixed bugs."), (
        describe(response, "the values sent")
    )
    assert body["owner_id"] == user.id and body["deleted_at"] is None, describe(
        response, f"owner_id {user.id} and deleted_at null"
    )
    assert aware_time(body["created_at"]) is not None, describe(response, "created_at with offset")
    location = response.headers.get("location")
    assert location, describe(response, "a Location header")
    again = api.get(location)
    assert expect_json(again, 200).get("id") == body["id"], describe(again, "the same document")


@case("p40.body-optional")
def test_body_is_optional(api, user, unique):
    """Without `body` → 201 with body "" (empty string)."""
    body = created(api, user, f"doc-{unique()}")
    assert body.get("body") == "", f'body "" when none was sent: {body}'


@case("p40.create-without-token-401")
def test_create_without_a_token_is_401(api, unique):
    """POST /p40/documents without a token → 401 token-missing (before any body check)."""
    response = api.post("/p40/documents", json={"title": "x", "slug": f"doc-{unique()}"})
    expect_token_problem(response, "token-missing")
    expect_token_problem(api.post("/p40/documents", json={}), "token-missing")


@case("p40.duplicate-slug-409")
def test_a_live_slug_again_is_409(api, user, other_user, unique):
    """A slug a live document has → 409 conflict, for its owner and for another user."""
    slug = f"doc-{unique()}"
    created(api, user, slug)
    expect_problem(create(api, user, slug), 409, "conflict")
    expect_problem(create(api, other_user, slug), 409, "conflict")


@case("p40.invalid-fields-422")
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param({"title": "", "slug": "ok"}, "title", id="title-empty"),
        pytest.param({"title": "a\u0000b", "slug": "ok"}, "title", id="title-nul"),
        pytest.param({"title": 5, "slug": "ok"}, "title", id="title-number"),
        pytest.param({"title": None, "slug": "ok"}, "title", id="title-null"),
        pytest.param({"title": "t", "slug": "Upper"}, "slug", id="slug-upper-case"),
        pytest.param({"title": "t", "slug": "a b"}, "slug", id="slug-space"),
        pytest.param({"title": "t", "slug": "a--b"}, "slug", id="slug-double-hyphen"),
        pytest.param({"title": "t", "slug": "-a"}, "slug", id="slug-leading-hyphen"),
        pytest.param({"title": "t", "slug": ""}, "slug", id="slug-empty"),
        pytest.param({"title": "t", "slug": "a/../b"}, "slug", id="slug-path"),
        pytest.param({"title": "t", "slug": "x" * 101}, "slug", id="slug-101"),
        pytest.param({"title": "t", "slug": 7}, "slug", id="slug-number"),
        pytest.param({"title": "t", "slug": "ok", "body": None}, "body", id="body-null"),
        pytest.param({"title": "t", "slug": "ok", "body": "a\u0000"}, "body", id="body-nul"),
        pytest.param({"title": "t", "slug": "ok", "owner_id": 1}, "owner_id", id="owner-id"),
        pytest.param({"title": "t", "slug": "ok", "deleted_at": None}, "deleted_at", id="deleted"),
        pytest.param({"slug": "ok"}, "title", id="title-missing"),
        pytest.param({"title": "t"}, "slug", id="slug-missing"),
    ],
)
def test_invalid_or_unknown_fields_are_422(api, user, payload, field):
    """Invalid, missing, null or unknown fields (owner_id, deleted_at) → 422 naming them."""
    response = api.post("/p40/documents", headers=user.headers, json=payload)
    expect_validation_error(response, field)


@case("p40.not-json-415")
def test_a_form_body_is_415(api, user):
    """A form body → 415 unsupported-media-type."""
    response = api.post("/p40/documents", headers=user.headers, data={"title": "t", "slug": "s"})
    expect_problem(response, 415, "unsupported-media-type")


@case("p40.get-missing-404")
def test_an_unknown_document_is_404(api):
    """GET /p40/documents/{id} of an id no document has → 404 not-found."""
    expect_problem(api.get(f"/p40/documents/{MAX_ID}"), 404, "not-found")


@case("p40.non-integer-id-404")
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_malformed_ids_are_404(api, user, raw):
    """Malformed path ids → 404 on GET, DELETE and restore."""
    expect_problem(api.get(f"/p40/documents/{raw}"), 404, "not-found")
    expect_problem(delete(api, user, raw), 404, "not-found")
    expect_problem(restore(api, user, raw), 404, "not-found")


@case("p40.list-newest-first")
def test_the_list_is_newest_first(api, user, unique):
    """GET /p40/documents → collection, newest first; no token needed."""
    first = created(api, user, f"doc-{unique()}")["id"]
    second = created(api, user, f"doc-{unique()}")["id"]
    ids = listed_ids(api)
    assert second in ids and first in ids, f"both new documents among the newest 100: {ids}"
    assert ids.index(second) < ids.index(first), f"{second} listed before {first}: {ids}"
    assert ids == sorted(ids, reverse=True), f"ids in descending order: {ids}"


@case("p40.list-limit")
def test_the_list_honours_limit(api, user, unique):
    """?limit=1 → exactly one item (there is at least one document)."""
    created(api, user, f"doc-{unique()}")
    response = api.get("/p40/documents", params={"limit": 1})
    body = expect_json(response, 200)
    assert len(body.get("items", [])) == 1 and body.get("count") == 1, describe(
        response, "one item, count 1"
    )


@case("p40.bad-paging-422")
@pytest.mark.parametrize(("params", "field"), BAD_PAGING)
def test_bad_paging_is_422(api, params, field):
    """Bad limit/offset → 422 naming it."""
    expect_validation_error(api.get("/p40/documents", params=params), field)


# ---------------------------------------------------------------- soft delete


@case("p40.delete-204-then-404")
def test_delete_answers_204_then_the_document_is_404(api, user, unique):
    """DELETE by the owner → 204 empty; then GET → 404; DELETE again → 404."""
    document = created(api, user, f"doc-{unique()}")
    response = delete(api, user, document["id"])
    expect_status(response, 204)
    assert response.content == b"", describe(response, "an empty 204 body")
    expect_problem(api.get(f"/p40/documents/{document['id']}"), 404, "not-found")
    expect_problem(delete(api, user, document["id"]), 404, "not-found")


@case("p40.deleted-hidden-from-list")
def test_a_deleted_document_is_not_listed(api, user, unique):
    """After DELETE the document is gone from the list (default and include_deleted=false)."""
    document = created(api, user, f"doc-{unique()}")
    assert document["id"] in listed_ids(api), "listed while live"
    expect_status(delete(api, user, document["id"]), 204)
    assert document["id"] not in listed_ids(api), "not listed once deleted"
    assert document["id"] not in listed_ids(api, include_deleted="false"), "nor with false"


@case("p40.admin-lists-deleted")
def test_an_admin_sees_deleted_documents_with_include_deleted(api, user, admin, unique):
    """An admin asking ?include_deleted=true sees the deleted document with deleted_at set."""
    document = created(api, user, f"doc-{unique()}")
    expect_status(delete(api, user, document["id"]), 204)
    response = api.get(
        "/p40/documents", headers=admin.headers, params={"include_deleted": "true", "limit": 100}
    )
    items = expect_json(response, 200)["items"]
    found = [item for item in items if item["id"] == document["id"]]
    assert found, describe(response, f"document {document['id']} among the newest 100")
    assert aware_time(found[0]["deleted_at"]) is not None, describe(
        response, "its deleted_at, an ISO 8601 time with offset"
    )


@case("p40.include-deleted-user-403")
def test_a_user_asking_for_deleted_documents_is_403(api, user):
    """A user's token with ?include_deleted=true → 403 forbidden; no token → 401."""
    response = api.get("/p40/documents", headers=user.headers, params={"include_deleted": "true"})
    expect_problem(response, 403, "forbidden")
    anonymous = api.get("/p40/documents", params={"include_deleted": "true"})
    expect_token_problem(anonymous, "token-missing")


@case("p40.include-deleted-invalid-422")
@pytest.mark.parametrize("value", ["yes", "1", "TRUE", ""])
def test_include_deleted_other_than_true_or_false_is_422(api, value):
    """include_deleted other than `true`/`false` → 422 naming it."""
    response = api.get("/p40/documents", params={"include_deleted": value})
    expect_validation_error(response, "include_deleted")


@case("p40.delete-by-other-user-403")
def test_another_user_cannot_delete(api, user, other_user, unique):
    """DELETE by a user who is not the owner → 403 forbidden; the document stays live."""
    document = created(api, user, f"doc-{unique()}")
    expect_problem(delete(api, other_user, document["id"]), 403, "forbidden")
    expect_status(api.get(f"/p40/documents/{document['id']}"), 200)


@case("p40.admin-deletes-and-restores")
def test_an_admin_may_delete_and_restore_any_document(api, user, admin, unique):
    """An admin deletes a user's document (204) and restores it (200)."""
    document = created(api, user, f"doc-{unique()}")
    expect_status(delete(api, admin, document["id"]), 204)
    response = restore(api, admin, document["id"])
    assert expect_json(response, 200).get("deleted_at") is None, describe(response, "live")


@case("p40.delete-without-token-401")
def test_delete_and_restore_without_a_token_are_401(api, user, unique):
    """DELETE and restore without a token → 401 token-missing."""
    document = created(api, user, f"doc-{unique()}")
    expect_token_problem(api.delete(f"/p40/documents/{document['id']}"), "token-missing")
    expect_token_problem(api.post(f"/p40/documents/{document['id']}/restore"), "token-missing")
    expect_status(api.get(f"/p40/documents/{document['id']}"), 200)


# ---------------------------------------------------------------- restore and slug reuse


@case("p40.restore-200")
def test_restore_brings_the_document_back(api, user, unique):
    """POST …/restore by the owner → 200 the document with deleted_at null; GET and the list
    show it again."""
    document = created(api, user, f"doc-{unique()}")
    expect_status(delete(api, user, document["id"]), 204)
    response = restore(api, user, document["id"])
    body = expect_json(response, 200)
    assert body.get("id") == document["id"] and body.get("deleted_at") is None, describe(
        response, "the same document, deleted_at null"
    )
    expect_status(api.get(f"/p40/documents/{document['id']}"), 200)
    assert document["id"] in listed_ids(api), "listed again"


@case("p40.restore-live-idempotent")
def test_restoring_a_live_document_is_200(api, user, unique):
    """Restore of a document that is not deleted → 200, it stays as it was."""
    document = created(api, user, f"doc-{unique()}")
    response = restore(api, user, document["id"])
    assert expect_json(response, 200).get("deleted_at") is None, describe(response, "live")


@case("p40.restore-by-other-user-403")
def test_another_user_cannot_restore(api, user, other_user, unique):
    """Restore by a user who is not the owner → 403; the document stays deleted."""
    document = created(api, user, f"doc-{unique()}")
    expect_status(delete(api, user, document["id"]), 204)
    expect_problem(restore(api, other_user, document["id"]), 403, "forbidden")
    expect_problem(api.get(f"/p40/documents/{document['id']}"), 404, "not-found")


@case("p40.restore-missing-404")
def test_restoring_an_unknown_document_is_404(api, user):
    """Restore of an id no document has → 404."""
    expect_problem(restore(api, user, MAX_ID), 404, "not-found")


@case("p40.slug-reusable-after-delete")
def test_a_soft_deleted_slug_may_be_reused(api, user, unique):
    """Delete a document → a new document with its slug → 201 (the deleted one keeps it)."""
    slug = f"doc-{unique()}"
    first = created(api, user, slug)
    expect_status(delete(api, user, first["id"]), 204)
    second = created(api, user, slug)
    assert second["id"] != first["id"], f"a new document: {second}"


@case("p40.restore-slug-taken-409")
def test_restore_is_409_when_the_slug_was_taken(api, user, admin, unique):
    """Delete, create another with the same slug, restore the first → 409 conflict; it stays
    deleted, the new one stays live."""
    slug = f"doc-{unique()}"
    first = created(api, user, slug)
    expect_status(delete(api, user, first["id"]), 204)
    second = created(api, user, slug)
    expect_problem(restore(api, user, first["id"]), 409, "conflict")
    expect_problem(restore(api, admin, first["id"]), 409, "conflict")
    expect_problem(api.get(f"/p40/documents/{first['id']}"), 404, "not-found")
    expect_status(api.get(f"/p40/documents/{second['id']}"), 200)


# ---------------------------------------------------------------- concurrency


def concurrently(target, calls):
    """Run the callables (each given an httpx client) at once; their responses."""
    with make_client(target.base_url, timeout=60) as client, ThreadPoolExecutor(20) as pool:
        return list(pool.map(lambda call: call(client), calls))


def live_with_slug(api, admin, slug) -> list[dict]:
    """Every listed live document with this slug (admins see all; the newest 100)."""
    response = api.get(
        "/p40/documents", headers=admin.headers, params={"include_deleted": "true", "limit": 100}
    )
    items = expect_json(response, 200)["items"]
    return [i for i in items if i["slug"] == slug and i["deleted_at"] is None]


@case("p40.concurrent-creates-one-wins")
def test_twenty_concurrent_creates_of_one_slug_give_one_201(api, target, user, admin, unique):
    """20 concurrent creates with one slug → exactly one 201 and 19 x 409; one live document."""
    slug = f"doc-{unique()}"
    body = {"title": "race", "slug": slug}
    responses = concurrently(
        target,
        [lambda c: c.post("/p40/documents", headers=user.headers, json=body)] * 20,
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 19, f"one 201 and 19 x 409, got {statuses}"
    for response in responses:
        if response.status_code == 409:
            expect_problem(response, 409, "conflict")
    assert len(live_with_slug(api, admin, slug)) == 1, "exactly one live document with the slug"


@case("p40.concurrent-deletes-one-wins")
def test_twenty_concurrent_deletes_give_one_204(api, target, user, unique):
    """20 concurrent DELETEs of one document → exactly one 204 and 19 x 404."""
    document = created(api, user, f"doc-{unique()}")
    path = f"/p40/documents/{document['id']}"
    responses = concurrently(target, [lambda c: c.delete(path, headers=user.headers)] * 20)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [204] + [404] * 19, f"one 204 and 19 x 404, got {statuses}"


@case("p40.concurrent-restore-create-race")
def test_restores_and_creates_racing_for_a_slug_leave_one_live_document(
    api, target, user, admin, unique
):
    """A deleted document's restore x10 and creates of its slug x10, all at once → never two
    live documents with the slug: either the restore won (creates 409) or one create won
    (restores 409)."""
    slug = f"doc-{unique()}"
    document = created(api, user, slug)
    expect_status(delete(api, user, document["id"]), 204)
    restore_path = f"/p40/documents/{document['id']}/restore"
    body = {"title": "race", "slug": slug}
    calls = [lambda c: c.post(restore_path, headers=user.headers)] * 10 + [
        lambda c: c.post("/p40/documents", headers=user.headers, json=body)
    ] * 10
    responses = concurrently(target, calls)
    restores, creates = responses[:10], responses[10:]
    restore_codes = sorted(r.status_code for r in restores)
    create_codes = sorted(r.status_code for r in creates)
    restored = restore_codes == [200] * 10 and create_codes == [409] * 10
    recreated = restore_codes == [409] * 10 and create_codes == [201] + [409] * 9
    assert restored or recreated, (
        f"restore won (10 x 200, creates 10 x 409) or one create won (1 x 201, restores "
        f"10 x 409); got restores {restore_codes}, creates {create_codes}"
    )
    assert len(live_with_slug(api, admin, slug)) == 1, "exactly one live document with the slug"
