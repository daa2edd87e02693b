"""p19 one-to-many (CATALOG Level 2): posts and their comments.

POST /p19/posts, POST /p19/posts/{id}/comments (404 for a missing post), GET /p19/posts/{id}
embeds comments, GET /p19/posts?limit= lists posts with comment_count, DELETE /p19/posts/{id}
deletes its comments too. Responses carry X-Query-Count; a page of 1 or of 100 posts costs the
same <= 3 queries.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- a post is {"id","title","body","created_at","comment_count"} (+ "comments" when read one
  at a time, oldest first); POST {"title", "body": non-empty strings} → 201 with
  the post (comments [], comment_count 0) and a `Location` where GET reads it;
- a comment is {"id","post_id","author","body","created_at"}; POST {"author",
  "body": non-empty strings} → 201 with a `Location`: GET /p19/comments/{id} reads it, so a
  client can see that deleting the post deleted its comments (that GET → 404 afterwards);
- NUL in a text → 422; maximum lengths and blank-text rules are the implementation's;
- the list is newest first with `limit` (default 20, max 100) and `offset`;
- X-Query-Count is a non-negative integer on every p19 response, errors included.
"""

from __future__ import annotations

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

POST_FIELDS = ("id", "title", "body", "created_at", "comment_count")
COMMENT_FIELDS = ("id", "post_id", "author", "body", "created_at")


def query_count(response: httpx.Response) -> int:
    """The X-Query-Count header as an integer (asserts it is one)."""
    value = header_value(response, "x-query-count")
    assert value.isdigit(), describe(response, "X-Query-Count: a non-negative integer")
    return int(value)


def expect_fields(response: httpx.Response, body: Any, fields: tuple[str, ...]) -> dict:
    assert isinstance(body, dict), describe(response, "a JSON object")
    missing = [name for name in fields if name not in body]
    assert not missing, describe(response, f"fields {list(fields)} (missing {missing})")
    assert aware_time(body["created_at"]) is not None, describe(
        response, "created_at with a UTC offset"
    )
    return body


def create_post(api: httpx.Client, title: str, body: str = "text") -> tuple[dict, httpx.Response]:
    response = api.post("/p19/posts", json={"title": title, "body": body})
    return expect_fields(response, expect_json(response, 201), POST_FIELDS), response


def add_comment(api: httpx.Client, post_id: int, text: str) -> tuple[dict, httpx.Response]:
    response = api.post(f"/p19/posts/{post_id}/comments", json={"author": "ann", "body": text})
    return expect_fields(response, expect_json(response, 201), COMMENT_FIELDS), response


@case("p19.create-post-201")
def test_create_post_answers_201_with_location(api, unique):
    """POST /p19/posts → 201, the post with comment_count 0 and comments []; Location reads it."""
    title = f"post {unique()}"
    post, response = create_post(api, title, "hello")
    assert (post["title"], post["body"]) == (title, "hello"), describe(response, "sent values")
    assert post["comment_count"] == 0 and post.get("comments") == [], describe(
        response, "comment_count 0 and comments []"
    )
    again = api.get(str(response.url.join(header_value(response, "location"))))
    assert expect_json(again, 200).get("id") == post["id"], describe(again, "the same post")


@case("p19.add-comment-201")
def test_add_comment_answers_201(api, unique):
    """POST /p19/posts/{id}/comments → 201 with the comment, post_id set; Location reads it."""
    post, _ = create_post(api, f"post {unique()}")
    text = f"comment {unique()}"
    comment, response = add_comment(api, post["id"], text)
    assert comment["post_id"] == post["id"] and comment["body"] == text, describe(
        response, f"post_id {post['id']} and body {text!r}"
    )
    again = api.get(str(response.url.join(header_value(response, "location"))))
    assert expect_json(again, 200) == comment, describe(again, f"the comment {comment}")


@case("p19.comment-missing-post-404")
@pytest.mark.parametrize(
    "post_id", [pytest.param(MAX_ID, id="max-int64"), pytest.param(999_999_999, id="never-created")]
)
def test_comment_on_missing_post_is_404(api, post_id):
    """POST a comment to a post that does not exist → 404 not-found."""
    response = api.post(f"/p19/posts/{post_id}/comments", json={"author": "a", "body": "b"})
    expect_problem(response, 404, "not-found")


@case("p19.detail-embeds-comments")
def test_detail_embeds_comments_oldest_first(api, unique):
    """GET /p19/posts/{id} → the post with its comments (oldest first) and comment_count."""
    post, _ = create_post(api, f"post {unique()}")
    texts = [f"c{n} {unique()}" for n in range(3)]
    for text in texts:
        add_comment(api, post["id"], text)
    response = api.get(f"/p19/posts/{post['id']}")
    body = expect_fields(response, expect_json(response, 200), (*POST_FIELDS, "comments"))
    assert [c.get("body") for c in body["comments"]] == texts, describe(
        response, f"comments {texts} in order"
    )
    assert body["comment_count"] == 3, describe(response, "comment_count 3")


@case("p19.get-missing-404")
@pytest.mark.parametrize(
    "post_id",
    [
        pytest.param(str(MAX_ID), id="max-int64"),
        *NON_INTEGER_IDS,
    ],
)
def test_missing_post_is_404(api, post_id):
    """GET /p19/posts/{id} for a missing or non-integer id → 404 not-found."""
    expect_problem(api.get(f"/p19/posts/{post_id}"), 404, "not-found")


@case("p19.list-comment-count")
def test_list_shows_comment_counts(api, unique):
    """GET /p19/posts?limit=100 lists new posts with their comment_count (2 and 0)."""
    busy, _ = create_post(api, f"busy {unique()}")
    quiet, _ = create_post(api, f"quiet {unique()}")
    add_comment(api, busy["id"], "one")
    add_comment(api, busy["id"], "two")
    response = api.get("/p19/posts", params={"limit": 100})
    body = expect_json(response, 200)
    counts = {item.get("id"): item.get("comment_count") for item in body.get("items", [])}
    assert counts.get(busy["id"]) == 2 and counts.get(quiet["id"]) == 0, describe(
        response, f"post {busy['id']} with 2 comments, post {quiet['id']} with 0"
    )
    assert body.get("count") == len(body["items"]), describe(response, "count == len(items)")


@case("p19.list-newest-first")
def test_list_is_newest_first(api, unique):
    """Two posts created in turn: the second is listed before the first."""
    first, _ = create_post(api, f"first {unique()}")
    second, _ = create_post(api, f"second {unique()}")
    response = api.get("/p19/posts", params={"limit": 100})
    ids = [item.get("id") for item in expect_json(response, 200).get("items", [])]
    assert first["id"] in ids and second["id"] in ids, describe(response, "both new posts")
    assert ids.index(second["id"]) < ids.index(first["id"]), describe(
        response, "the newer post first"
    )


@case("p19.query-count-constant")
def test_page_of_1_and_of_100_cost_the_same_few_queries(api, unique):
    """With posts that have comments, limit=1 and limit=100 report the same X-Query-Count <= 3."""
    for _ in range(3):
        post, _ = create_post(api, f"n+1 {unique()}")
        for n in range(2):
            add_comment(api, post["id"], f"c{n}")
    small = api.get("/p19/posts", params={"limit": 1})
    large = api.get("/p19/posts", params={"limit": 100})
    assert len(expect_json(small, 200).get("items", [])) == 1, describe(small, "1 post")
    assert len(expect_json(large, 200).get("items", [])) >= 3, describe(large, ">= 3 posts")
    assert query_count(large) == query_count(small), describe(
        large, f"X-Query-Count {query_count(small)} (as for limit=1)"
    )
    assert query_count(large) <= 3, describe(large, "X-Query-Count <= 3")


@case("p19.query-count-detail")
def test_detail_costs_at_most_three_queries(api, unique):
    """GET /p19/posts/{id} with 5 comments → X-Query-Count <= 3 (no query per comment)."""
    post, _ = create_post(api, f"post {unique()}")
    for n in range(5):
        add_comment(api, post["id"], f"c{n}")
    response = api.get(f"/p19/posts/{post['id']}")
    expect_status(response, 200)
    assert query_count(response) <= 3, describe(response, "X-Query-Count <= 3")


@case("p19.query-count-header")
def test_every_p19_response_carries_the_query_count(api, unique):
    """201, 200, 204, 404 and 422 answers of p19 all carry X-Query-Count."""
    post, created = create_post(api, f"post {unique()}")
    responses = [
        created,
        api.get("/p19/posts"),
        api.get(f"/p19/posts/{post['id']}"),
        api.delete(f"/p19/posts/{post['id']}"),
        api.get(f"/p19/posts/{post['id']}"),
        api.post("/p19/posts", json={"title": ""}),
    ]
    assert [r.status_code for r in responses] == [201, 200, 200, 204, 404, 422], describe(
        responses[-1], "statuses 201, 200, 200, 204, 404, 422"
    )
    for response in responses:
        query_count(response)


@case("p19.delete-cascades")
def test_delete_removes_the_post_and_its_comments(api, unique):
    """DELETE a post with comments → 204 empty; the post and each comment → 404 afterwards."""
    post, _ = create_post(api, f"doomed {unique()}")
    comments = [add_comment(api, post["id"], f"c{n}")[0] for n in range(2)]
    response = api.delete(f"/p19/posts/{post['id']}")
    expect_status(response, 204)
    assert response.content == b"", describe(response, "an empty body")
    expect_problem(api.get(f"/p19/posts/{post['id']}"), 404, "not-found")
    for comment in comments:
        expect_problem(api.get(f"/p19/comments/{comment['id']}"), 404, "not-found")


@case("p19.delete-twice-404")
def test_delete_again_is_404(api, unique):
    """A second DELETE of the same post → 404; a comment on it afterwards → 404."""
    post, _ = create_post(api, f"post {unique()}")
    expect_status(api.delete(f"/p19/posts/{post['id']}"), 204)
    expect_problem(api.delete(f"/p19/posts/{post['id']}"), 404, "not-found")
    response = api.post(f"/p19/posts/{post['id']}/comments", json={"author": "a", "body": "b"})
    expect_problem(response, 404, "not-found")


@case("p19.post-invalid-422")
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param({"body": "b"}, "title", id="title-missing"),
        pytest.param({"title": "", "body": "b"}, "title", id="title-empty"),
        pytest.param({"title": 5, "body": "b"}, "title", id="title-number"),
        pytest.param({"title": "t", "body": None}, "body", id="body-null"),
        pytest.param({"title": "t", "body": "a\u0000"}, "body", id="body-nul"),
        pytest.param({"title": "t", "body": "b", "id": 1}, "id", id="unknown-id"),
    ],
)
def test_invalid_post_is_422(api, payload, field):
    """Missing, empty, wrongly typed, null, NUL or unknown post fields → 422 naming the field."""
    expect_validation_error(api.post("/p19/posts", json=payload), field)


@case("p19.comment-invalid-422")
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param({"author": "a"}, "body", id="body-missing"),
        pytest.param({"author": ["a"], "body": "b"}, "author", id="author-array"),
        pytest.param({"author": "a\u0000b", "body": "b"}, "author", id="author-nul"),
        pytest.param({"author": "a", "body": "b", "post_id": 1}, "post_id", id="unknown-post-id"),
    ],
)
def test_invalid_comment_is_422(api, unique, payload, field):
    """Invalid comment fields (on an existing post) → 422 naming the field."""
    post, _ = create_post(api, f"post {unique()}")
    expect_validation_error(api.post(f"/p19/posts/{post['id']}/comments", json=payload), field)


@case("p19.bad-paging-422")
@pytest.mark.parametrize(("params", "field"), BAD_PAGING)
def test_bad_limit_or_offset_is_422(api, params, field):
    """Out-of-range or non-integer limit/offset → 422 naming the parameter."""
    expect_validation_error(api.get("/p19/posts", params=params), field)


@case("p19.sql-text-stored-literally")
def test_sql_looking_text_is_stored_literally(api, unique):
    """SQL-looking title and comment are stored and read back exactly as sent."""
    title = "'); DELETE FROM comments;-- " + unique()  # noqa: S608 - data, not a query
    post, _ = create_post(api, title, "x' OR '1'='1")
    add_comment(api, post["id"], "1; DROP TABLE posts")
    response = api.get(f"/p19/posts/{post['id']}")
    body = expect_json(response, 200)
    assert body.get("title") == title and body.get("body") == "x' OR '1'='1", describe(
        response, "title and body as sent"
    )
    assert [c.get("body") for c in body.get("comments", [])] == ["1; DROP TABLE posts"], describe(
        response, "the comment as sent"
    )
