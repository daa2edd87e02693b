"""p05 path-params (CATALOG Level 1): GET /p05/users/{id} and /p05/users/{id}/posts/{post_id}.

This is where CATALOG §0 "path ids that are not plain non-negative integers within 64 bits →
404 not-found" is checked, in both positions of a nested path.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- the fixed data has users 1, 2 and 3, each with at least one post;
- a user is {"id": int, "name": str, "post_ids": [int]} (the ids of that user's posts), a post
  is {"id": int, "user_id": int, "title": str, "body": str};
- post ids are global: another user's post id under this user → 404 (not 403: the path
  names nothing that exists);
- an id that is well formed but names no user or post (e.g. 2^63-1) → 404 not-found.
"""

from __future__ import annotations

from typing import Any

import pytest

from contracts.harness import case, describe, expect_json, expect_problem
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def user(api, user_id: int) -> dict[str, Any]:
    """GET /p05/users/{id}, checked to be that user with a non-empty list of post ids."""
    response = api.get(f"/p05/users/{user_id}")
    body = expect_json(response, 200)
    assert isinstance(body, dict) and body.get("id") == user_id, describe(
        response, f"the user with id {user_id}"
    )
    post_ids = body.get("post_ids")
    assert isinstance(post_ids, list) and post_ids and all(map(is_int, post_ids)), describe(
        response, "post_ids: a non-empty list of integers"
    )
    return body


@case("p05.user-found")
@pytest.mark.parametrize("user_id", [1, 2, 3])
def test_existing_user_is_200(api, user_id):
    """GET /p05/users/{id} for a fixed user → 200 {"id","name","post_ids"} with that id."""
    response = api.get(f"/p05/users/{user_id}")
    body = expect_json(response, 200)
    assert isinstance(body, dict) and body.get("id") == user_id and is_int(body["id"]), describe(
        response, f"id == {user_id}"
    )
    assert isinstance(body.get("name"), str) and body["name"], describe(
        response, "a non-empty name"
    )
    assert isinstance(body.get("post_ids"), list), describe(response, "a post_ids list")


@case("p05.post-of-user-found")
@pytest.mark.parametrize("user_id", [1, 2, 3])
def test_each_post_of_a_user_is_200_under_that_user(api, user_id):
    """GET /p05/users/{id}/posts/{post_id} for each of the user's posts → 200, that post."""
    for post_id in user(api, user_id)["post_ids"]:
        response = api.get(f"/p05/users/{user_id}/posts/{post_id}")
        body = expect_json(response, 200)
        assert isinstance(body, dict) and body.get("id") == post_id, describe(
            response, f"the post with id {post_id}"
        )
        assert body.get("user_id") == user_id, describe(response, f"user_id == {user_id}")
        for member in ("title", "body"):
            assert isinstance(body.get(member), str), describe(response, f"a string {member!r}")


@case("p05.other-users-post-404")
def test_a_post_of_another_user_is_404(api):
    """A post id that exists, but under another user → 404 not-found (never the post)."""
    mine = set(user(api, 1)["post_ids"])
    user(api, 2)
    response = api.get("/p05/users/2")
    # Post ids are global (one table of posts), so user 2's posts are not user 1's.
    theirs = min((p for p in response.json()["post_ids"] if p not in mine), default=None)
    assert theirs is not None, describe(response, f"a post id of user 2 not among {mine}")
    expect_problem(api.get(f"/p05/users/1/posts/{theirs}"), 404, "not-found")
    # The same id does answer under its own author: the 404 is about ownership.
    expect_json(api.get(f"/p05/users/2/posts/{theirs}"), 200)


@case("p05.unknown-user-404")
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(f"/p05/users/{MAX_ID}", id="user"),
        pytest.param(f"/p05/users/{MAX_ID}/posts/1", id="posts-of-unknown-user"),
    ],
)
def test_unknown_user_is_404(api, path):
    """A well-formed id that names no user (2^63-1) → 404 not-found, also for its posts."""
    expect_problem(api.get(path), 404, "not-found")


@case("p05.unknown-post-404")
def test_unknown_post_of_existing_user_is_404(api):
    """An existing user and a post id that names no post (2^63-1) → 404 not-found."""
    user(api, 1)
    expect_problem(api.get(f"/p05/users/1/posts/{MAX_ID}"), 404, "not-found")


@case("p05.non-integer-id-404")
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_non_integer_user_id_is_404(api, raw):
    """A user id that is not plain digits within 64 bits → 404 not-found (§0), never 422/500."""
    expect_problem(api.get(f"/p05/users/{raw}"), 404, "not-found")


@case("p05.non-integer-post-id-404")
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_non_integer_post_id_is_404(api, raw):
    """A post id that is not plain digits within 64 bits → 404 not-found, under a real user."""
    user(api, 1)
    expect_problem(api.get(f"/p05/users/1/posts/{raw}"), 404, "not-found")
