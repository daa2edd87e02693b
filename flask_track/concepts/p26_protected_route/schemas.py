"""What p26 accepts."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.shared.users import printable_text


class MePatch(Schema):
    """PATCH /p26/me: only the display name can change here (email and role cannot)."""

    display_name = fields.String(
        required=True,
        allow_none=True,
        validate=[validate.Length(min=1, max=100), printable_text],
        metadata={"description": "null clears it."},
    )
