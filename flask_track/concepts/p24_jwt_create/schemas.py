"""What p24 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.shared.users import email_field, password_field


class TokenIn(Schema):
    """POST /p24/token."""

    email = email_field()
    password = password_field(description="The account's password.")


class TokenOut(Schema):
    """An RFC 6749 §5.1-style token response."""

    access_token = fields.String(
        required=True, metadata={"description": "A JWT (HS256): send it as Bearer <token>."}
    )
    token_type = fields.String(required=True, metadata={"enum": ["Bearer"]})
    expires_in = fields.Integer(
        required=True, metadata={"minimum": 1, "description": "Seconds until it expires."}
    )
