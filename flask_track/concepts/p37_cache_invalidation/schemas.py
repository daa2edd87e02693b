"""What p37 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.concepts.p37_cache_invalidation.models import BODY_MAX, TITLE_MAX
from flask_track.core.fields import text_field


class ArticleIn(Schema):
    """A new article, or the full replacement of one (PUT)."""

    title = text_field(TITLE_MAX, metadata={"example": "Caching is hard"})
    body = text_field(BODY_MAX, metadata={"example": "There are two hard things..."})


class ArticleOut(Schema):
    """One stored article."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    title = fields.String(required=True)
    body = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
