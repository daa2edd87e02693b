"""What p31 answers (the upload itself is a multipart body, documented in routes.py)."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.concepts.p31_file_upload.storage import ALLOWED_TYPES


class LimitsOut(Schema):
    """The upload rules a client can check before sending."""

    max_bytes = fields.Integer(required=True, metadata={"example": 2 * 1024 * 1024})
    allowed_types = fields.List(
        fields.String(), required=True, metadata={"example": list(ALLOWED_TYPES)}
    )


class FileOut(Schema):
    """A stored upload's metadata (never the path on disk)."""

    id = fields.Integer(required=True)
    filename = fields.String(
        required=True,
        metadata={"description": "The client's name, neutralised: [A-Za-z0-9_.-], 1-100."},
    )
    size = fields.Integer(required=True, metadata={"description": "Bytes."})
    content_type = fields.String(
        required=True,
        metadata={"description": "Sniffed from the bytes.", "enum": list(ALLOWED_TYPES)},
    )
    sha256 = fields.String(required=True, metadata={"description": "Hex digest of the bytes."})
    created_at = fields.DateTime(required=True)
