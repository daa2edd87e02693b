"""The fixed users and posts p05 serves. Read-only, shared by every request."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Post:
    id: int
    user_id: int
    title: str
    body: str


@dataclass(frozen=True)
class User:
    id: int
    name: str

    @property
    def post_ids(self) -> list[int]:
        """Derived from POSTS, so the two can never disagree."""
        return [post.id for post in POSTS if post.user_id == self.id]


# Post ids are global (like rows of one table), not numbered per user: post 4 exists, but
# only under its own author, so /users/1/posts/4 must be a 404.
POSTS: tuple[Post, ...] = (
    Post(1, 1, "Hello, world", "My first post."),
    Post(2, 1, "Path parameters", "The URL names the resource."),
    Post(3, 1, "Ids are integers", "And nothing else: abc is a 404."),
    Post(4, 2, "Café au lait", "Ordered one in Zürich."),
    Post(5, 2, "Nested resources", "A post lives under its user."),
    Post(6, 3, "Primeiro post", "Olá, mundo."),
    Post(7, 3, "404 or 422?", "A path that names nothing is a 404."),
)

POSTS_BY_ID: dict[int, Post] = {post.id: post for post in POSTS}

USERS_BY_ID: dict[int, User] = {
    user.id: user
    for user in (
        User(1, "Ada Lovelace"),
        User(2, "Jürgen Müller"),
        User(3, "João Silva"),
    )
}
