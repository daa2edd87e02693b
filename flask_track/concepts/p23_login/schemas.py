"""What p23 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.shared.users import UserOut, email_field, password_field


class LoginIn(Schema):
    """POST /p23/login."""

    email = email_field()
    # No strength rules here: an account made under older rules must still be able to log in.
    password = password_field(description="The account's password.")


class LoginOut(Schema):
    """The logged-in user (p24 and p28 turn the same check into tokens)."""

    user = fields.Nested(UserOut, required=True)
