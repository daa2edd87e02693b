"""White-box checks of p19: no N+1, both cascade layers, per-request query counting."""

from __future__ import annotations

import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text

from flask_track.concepts.p19_one_to_many.models import Comment, Post
from flask_track.core.query_log import capture_queries
from flask_track.extensions import db


def seed(app: Flask, posts: int, comments_each: int) -> list[int]:
    with app.app_context():
        created = [
            Post(
                title=f"post {n}",
                body="b",
                comments=[Comment(author="a", body=f"c{k}") for k in range(comments_each)],
            )
            for n in range(posts)
        ]
        db.session.add_all(created)
        db.session.commit()
        return [post.id for post in created]


def count_of(response) -> int:
    return int(response.headers["X-Query-Count"])


def test_list_costs_one_query_whatever_the_page_size(app: Flask, client: FlaskClient) -> None:
    seed(app, posts=120, comments_each=3)
    small = client.get("/p19/posts?limit=1")
    large = client.get("/p19/posts?limit=100")
    assert len(large.get_json()["items"]) == 100
    assert all(item["comment_count"] == 3 for item in large.get_json()["items"])
    assert count_of(small) == count_of(large) == 1


def test_naive_loop_would_be_n_plus_one(app: Flask) -> None:
    """What the list avoids: lazy-loading post.comments in a loop costs 1 + N queries."""
    seed(app, posts=10, comments_each=2)
    with app.app_context():
        db.session.expunge_all()
        with capture_queries() as log:
            posts = db.session.scalars(select(Post).limit(10)).all()
            counts = [len(post.comments) for post in posts]
        assert counts == [2] * 10
        assert log.count == 1 + 10


def test_detail_costs_two_queries_and_embeds_comments(app: Flask, client: FlaskClient) -> None:
    (post_id,) = seed(app, posts=1, comments_each=5)
    response = client.get(f"/p19/posts/{post_id}")
    body = response.get_json()
    assert [c["body"] for c in body["comments"]] == [f"c{k}" for k in range(5)]
    assert body["comment_count"] == 5
    assert count_of(response) == 2


def test_delete_removes_comments(app: Flask, client: FlaskClient) -> None:
    (post_id,) = seed(app, posts=1, comments_each=4)
    response = client.delete(f"/p19/posts/{post_id}")
    assert response.status_code == 204
    assert response.get_data() == b""
    with app.app_context():
        assert db.session.scalar(select(func.count(Comment.id))) == 0
    assert client.delete(f"/p19/posts/{post_id}").status_code == 404


def test_ids_of_deleted_posts_are_never_reused(client: FlaskClient) -> None:
    """SQLite reuses the newest rowid after a delete unless the table has AUTOINCREMENT."""
    first = client.post("/p19/posts", json={"title": "t", "body": "b"}).get_json()["id"]
    assert client.delete(f"/p19/posts/{first}").status_code == 204
    second = client.post("/p19/posts", json={"title": "t", "body": "b"}).get_json()["id"]
    assert second > first
    assert client.get(f"/p19/posts/{first}").status_code == 404


def test_database_cascade_works_without_the_orm(app: Flask) -> None:
    """ON DELETE CASCADE is in the schema (SQLite: PRAGMA foreign_keys=ON is needed)."""
    (post_id,) = seed(app, posts=1, comments_each=3)
    with app.app_context():
        db.session.execute(text("DELETE FROM p19_posts WHERE id = :id"), {"id": post_id})
        db.session.commit()
        assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_orm_cascade_deletes_loaded_comments(app: Flask) -> None:
    """With the comments loaded, the ORM deletes them itself (delete-orphan too)."""
    (post_id,) = seed(app, posts=1, comments_each=2)
    with app.app_context():
        post = db.session.get(Post, post_id)
        assert post is not None
        post.comments.pop()  # delete-orphan: a comment removed from the list is deleted
        db.session.commit()
        assert db.session.scalar(select(func.count(Comment.id))) == 1
        db.session.delete(post)
        db.session.commit()
        assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_comment_on_missing_post_is_404_and_stores_nothing(app: Flask, client: FlaskClient) -> None:
    response = client.post("/p19/posts/424242/comments", json={"author": "a", "body": "b"})
    assert response.status_code == 404
    assert "X-Query-Count" in response.headers
    with app.app_context():
        assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_error_responses_carry_the_count_too(client: FlaskClient) -> None:
    response = client.post("/p19/posts", json={"title": ""})
    assert response.status_code == 422
    assert response.headers["X-Query-Count"] == "0"


def test_query_counts_are_per_thread(app: Flask) -> None:
    """A capture only sees its own thread's statements, even on a shared engine."""
    seed(app, posts=3, comments_each=1)
    results: dict[str, int] = {}
    barrier = threading.Barrier(2)

    def work(name: str, queries: int) -> None:
        with app.app_context(), capture_queries() as log:
            barrier.wait()
            for _ in range(queries):
                db.session.execute(select(Post.id)).all()
            results[name] = log.count

    threads = [threading.Thread(target=work, args=(n, q)) for n, q in (("a", 3), ("b", 7))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {"a": 3, "b": 7}


def test_captures_nest(app: Flask) -> None:
    with app.app_context(), capture_queries() as outer:
        db.session.execute(select(1))
        with capture_queries() as inner:
            db.session.execute(select(2))
        assert (outer.count, inner.count) == (2, 1)


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=x", "offset=-5"])
def test_bad_paging_is_422(client: FlaskClient, query: str) -> None:
    response = client.get(f"/p19/posts?{query}")
    assert response.status_code == 422
    assert query.split("=")[0] in response.get_json()["errors"]
