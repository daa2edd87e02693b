"""What p27 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.core.fields import StrictInteger
from flask_track.shared.users import email_field, password_field

MAX_EXPIRES_IN = 3600


class ShortTokenIn(Schema):
    """POST /p27/token."""

    email = email_field()
    password = password_field(description="The account's password.")
    expires_in = StrictInteger(
        required=True,
        validate=validate.Range(min=1, max=MAX_EXPIRES_IN),
        metadata={"description": "Lifetime in seconds (1 to 3600)."},
    )


class ShortTokenOut(Schema):
    """The token and the lifetime it was given."""

    access_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"enum": ["Bearer"]})
    expires_in = fields.Integer(required=True, metadata={"minimum": 1, "maximum": MAX_EXPIRES_IN})
