"""What p19 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.concepts.p19_one_to_many.models import (
    AUTHOR_MAX,
    COMMENT_BODY_MAX,
    POST_BODY_MAX,
    TITLE_MAX,
)
from flask_track.core.fields import text_field


class PostIn(Schema):
    """A new post."""

    title = text_field(TITLE_MAX, metadata={"example": "Hello, relations"})
    body = text_field(POST_BODY_MAX, metadata={"example": "One post, many comments."})


class CommentIn(Schema):
    """A new comment on a post."""

    author = text_field(AUTHOR_MAX, metadata={"example": "ada"})
    body = text_field(COMMENT_BODY_MAX, metadata={"example": "Nice post!"})


class CommentOut(Schema):
    """One comment."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    post_id = fields.Integer(required=True, metadata={"minimum": 1})
    author = fields.String(required=True)
    body = fields.String(required=True)
    created_at = fields.DateTime(required=True)


class PostSummaryOut(Schema):
    """A post in a list: its comments counted, not embedded."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    title = fields.String(required=True)
    body = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    comment_count = fields.Integer(required=True, metadata={"minimum": 0})


class PostOut(PostSummaryOut):
    """One post with its comments embedded (oldest first)."""

    comments = fields.List(fields.Nested(CommentOut), required=True)


class PostListOut(Schema):
    """A page of posts, newest first, each with its comment_count."""

    items = fields.List(fields.Nested(PostSummaryOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
