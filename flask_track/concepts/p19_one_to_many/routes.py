"""p19: posts and their comments, one-to-many, listed without N+1 queries.

Every p19 response carries X-Query-Count: the number of SQL statements this request sent,
counted by flask_track.core.query_log for this request's thread only.
"""

from __future__ import annotations

from typing import Any

from flask import Response, g, url_for
from flask.views import MethodView
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from flask_track.concepts.p19_one_to_many.models import Comment, Post
from flask_track.concepts.p19_one_to_many.schemas import (
    CommentIn,
    CommentOut,
    PostIn,
    PostListOut,
    PostOut,
)
from flask_track.core.openapi import Blueprint
from flask_track.core.pagination import PageArgs
from flask_track.core.problems import ProblemError
from flask_track.core.query_log import start_capture, stop_capture
from flask_track.extensions import db

blp = Blueprint("p19", __name__)

QUERY_COUNT_HEADER = "X-Query-Count"
QUERY_COUNT = {
    QUERY_COUNT_HEADER: {
        "schema": {"type": "integer", "minimum": 0},
        "description": "SQL statements this request sent to the database",
    }
}
LOCATION = {"Location": {"schema": {"type": "string"}, "description": "The new resource"}}


@blp.before_request
def _start_counting() -> None:
    g.p19_queries, g.p19_capture_token = start_capture()


@blp.after_request
def _report_count(response: Response) -> Response:
    log = g.get("p19_queries")
    if log is not None:
        response.headers[QUERY_COUNT_HEADER] = str(log.count)
    return response


@blp.teardown_request
def _stop_counting(_error: BaseException | None) -> None:
    # Teardown runs even when a hook failed: the capture never leaks into the next request
    # this worker thread serves.
    token = g.pop("p19_capture_token", None)
    if token is not None:
        stop_capture(token)


def missing_post(post_id: int) -> ProblemError:
    return ProblemError.not_found(f"There is no post {post_id}.")


def post_detail(post: Post) -> dict[str, Any]:
    """A post with its (already loaded) comments embedded."""
    return {
        "id": post.id,
        "title": post.title,
        "body": post.body,
        "created_at": post.created_at,
        "comment_count": len(post.comments),
        "comments": post.comments,
    }


@blp.route("/posts")
class Posts(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, PostListOut, headers=QUERY_COUNT)
    def get(self, args: dict[str, int]) -> dict[str, Any]:
        """List posts newest first, each with comment_count, in one query."""
        # The N+1 version loops over the page and asks each post for len(post.comments):
        # 1 query for the page + 1 per post. Here the count is a correlated subquery, so the
        # database answers the page and every count in a single statement (served by the
        # index on comments.post_id), whatever the limit.
        comment_count = (
            select(func.count(Comment.id))
            .where(Comment.post_id == Post.id)
            .correlate(Post)
            .scalar_subquery()
        )
        query = (
            select(Post, comment_count.label("comment_count"))
            .order_by(Post.created_at.desc(), Post.id.desc())
            .limit(args["limit"])
            .offset(args["offset"])
        )
        items = [
            {
                "id": post.id,
                "title": post.title,
                "body": post.body,
                "created_at": post.created_at,
                "comment_count": count,
            }
            for post, count in db.session.execute(query)
        ]
        return {"items": items, "count": len(items), **args}

    @blp.arguments(PostIn)
    @blp.response(201, PostOut, headers={**QUERY_COUNT, **LOCATION})
    def post(self, data: dict[str, str]) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Create a post (with no comments yet)."""
        post = Post(**data, comments=[])
        db.session.add(post)
        db.session.commit()
        body = post_detail(post)
        return body, 201, {"Location": url_for("p19.PostResource", post_id=post.id)}


@blp.route("/posts/<id:post_id>")
class PostResource(MethodView):
    @blp.response(200, PostOut, headers=QUERY_COUNT)
    def get(self, post_id: int) -> dict[str, Any]:
        """Return a post with its comments embedded (two queries: post, then comments)."""
        # selectinload: one extra "SELECT ... WHERE post_id IN (...)" for the comments,
        # instead of a lazy load fired later from the serializer.
        query = select(Post).where(Post.id == post_id).options(selectinload(Post.comments))
        post = db.session.scalar(query)
        if post is None:
            raise missing_post(post_id)
        return post_detail(post)

    @blp.response(204, headers=QUERY_COUNT)
    def delete(self, post_id: int) -> tuple[str, int]:
        """Delete a post and, through the cascade, all of its comments."""
        post = db.session.get(Post, post_id)
        if post is None:
            raise missing_post(post_id)
        # The comments were not loaded, so with passive_deletes the ORM sends one DELETE for
        # the post and the database's ON DELETE CASCADE removes the comments in the same
        # statement (SQLite needs PRAGMA foreign_keys=ON for that: core/database.py sets it).
        db.session.delete(post)
        db.session.commit()
        return "", 204


@blp.route("/posts/<id:post_id>/comments", methods=["POST"])
@blp.arguments(CommentIn)
@blp.response(201, CommentOut, headers={**QUERY_COUNT, **LOCATION})
def add_comment(data: dict[str, str], post_id: int) -> tuple[Comment, int, dict[str, str]]:
    """Add a comment to a post; 404 when the post does not exist."""
    comment = Comment(post_id=post_id, **data)
    db.session.add(comment)
    try:
        # No "does the post exist?" SELECT first: the post could be deleted between that check
        # and the INSERT. The foreign key decides atomically; its violation means "no post".
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        if "foreign key" not in str(error.orig).lower():
            raise
        raise missing_post(post_id) from None
    return comment, 201, {"Location": url_for("p19.get_comment", comment_id=comment.id)}


@blp.route("/comments/<id:comment_id>")
@blp.response(200, CommentOut, headers=QUERY_COUNT)
def get_comment(comment_id: int) -> Comment:
    """Return one comment (404 once its post, and so the comment, is deleted)."""
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ProblemError.not_found(f"There is no comment {comment_id}.")
    return comment
