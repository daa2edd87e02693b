"""What p40 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.concepts.p40_soft_delete.models import BODY_MAX, SLUG_MAX, TITLE_MAX
from flask_track.core.fields import text_field
from flask_track.core.pagination import PageArgs

# Lower-case words of letters and digits joined by single hyphens: safe in a URL as is.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Any text without NUL or a lone surrogate (PostgreSQL cannot store U+0000); may be empty.
BODY_PATTERN = r"^[^\x00\ud800-\udfff]*$"


class DocumentIn(Schema):
    """A new document: a title, a slug unique among live documents, an optional body."""

    title = text_field(TITLE_MAX, metadata={"example": "Release notes"})
    slug = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=SLUG_MAX),
            validate.Regexp(SLUG_PATTERN, error="Lower-case letters and digits, single hyphens."),
        ],
        metadata={"example": "release-notes"},
    )
    body = fields.String(
        load_default="",
        validate=[
            validate.Length(max=BODY_MAX),
            validate.Regexp(BODY_PATTERN, error="No NUL or unpaired surrogate."),
        ],
    )


class DocumentListQuery(PageArgs):
    """?limit=&offset= and, for admins only, ?include_deleted=true."""

    include_deleted = fields.Boolean(
        load_default=False,
        truthy={"true"},
        falsy={"false"},
        metadata={"description": "true (admins only) lists soft-deleted documents too."},
    )


class DocumentOut(Schema):
    """One document; `deleted_at` is null while it is live."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    owner_id = fields.Integer(required=True, metadata={"minimum": 1})
    title = fields.String(required=True)
    slug = fields.String(required=True)
    body = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    deleted_at = fields.DateTime(required=True, allow_none=True)


class DocumentListOut(Schema):
    """A page of documents, newest first."""

    items = fields.List(fields.Nested(DocumentOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
