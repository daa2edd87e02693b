"""What p28 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.shared.users import email_field, password_field


class PairLoginIn(Schema):
    """POST /p28/login."""

    email = email_field()
    password = password_field(description="The account's password.")


class RefreshIn(Schema):
    """POST /p28/refresh."""

    refresh_token = fields.String(
        required=True,
        validate=validate.Length(min=1, max=4096),
        metadata={"description": "The newest refresh token of the family."},
    )
