"""What p26 accepts."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from flask_track.shared.users import printable_text


class MePatch(Schema):
    """PATCH /p26/me: only the display name can change here (email and role cannot)."""

    display_name = fields.String(
        allow_none=True,
        validate=[validate.Length(min=1, max=100), printable_text],
        metadata={"description": "null clears it."},
    )

    @validates_schema
    def _not_empty(self, data: dict[str, Any], **_kwargs: Any) -> None:
        # CATALOG §0: PATCH {} → 422 errors._body (an update that changes nothing).
        if not data:
            raise ValidationError("Send display_name.")
