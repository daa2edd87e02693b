"""GET /p05/users/{id} and /p05/users/{id}/posts/{post_id}: resources named by the path."""

from __future__ import annotations

from flask_track.concepts.p05_path_params.data import POSTS_BY_ID, USERS_BY_ID, Post, User
from flask_track.concepts.p05_path_params.schemas import PostOut, UserOut
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError

blp = Blueprint("p05", __name__)

# `<id:...>` (core.openapi.IdConverter) only matches plain ASCII digits up to 2**63-1, so
# "abc", "-1", "1.5", an Arabic-Indic digit or a 30-digit number never reach these views:
# routing answers 404.


def find_user(user_id: int) -> User:
    """The user, or the 404 problem."""
    user = USERS_BY_ID.get(user_id)
    if user is None:
        raise ProblemError.not_found(f"There is no user {user_id}.")
    return user


@blp.route("/users/<id:user_id>")
@blp.response(200, UserOut)
def get_user(user_id: int) -> User:
    """Return one user."""
    return find_user(user_id)


@blp.route("/users/<id:user_id>/posts/<id:post_id>")
@blp.response(200, PostOut)
def get_user_post(user_id: int, post_id: int) -> Post:
    """Return one post of one user."""
    user = find_user(user_id)
    post = POSTS_BY_ID.get(post_id)
    # A post of another user is "not found here", not 403: the path names a resource that
    # does not exist, and a 403 would confirm that post id exists elsewhere.
    if post is None or post.user_id != user.id:
        raise ProblemError.not_found(f"User {user_id} has no post {post_id}.")
    return post
