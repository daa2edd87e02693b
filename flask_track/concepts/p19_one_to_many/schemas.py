"""What p19 accepts and answers."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from flask_track.concepts.p19_one_to_many.models import (
    AUTHOR_MAX,
    COMMENT_BODY_MAX,
    POST_BODY_MAX,
    TITLE_MAX,
)

# Text a person typed: at least one visible character; no NUL (PostgreSQL text cannot store
# U+0000: the same request would be 201 on SQLite and 500 on PostgreSQL) and no lone surrogate
# (JSON "\ud800" is not a character and has no UTF-8 form). The same rule as p13's notes.
TEXT_PATTERN = r"^[^\x00\ud800-\udfff]*[^\x00\ud800-\udfff\s][^\x00\ud800-\udfff]*$"
TEXT_MESSAGE = "Must contain a visible character, and no NUL or unpaired surrogate."


def text_field(max_length: int, **kwargs: Any) -> fields.String:
    """A required string of 1..max_length characters with a visible character and no NUL."""
    return fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=max_length),
            validate.Regexp(TEXT_PATTERN, error=TEXT_MESSAGE),
        ],
        **kwargs,
    )


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
