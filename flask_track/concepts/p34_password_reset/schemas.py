"""What p34 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.shared.users import email_field, password_field

MIN_PASSWORD_LENGTH = 8


class ResetRequestIn(Schema):
    """POST /p34/password-reset: the account's email."""

    email = email_field()


class ResetRequestOut(Schema):
    """The same answer whether or not the email belongs to an account."""

    status = fields.String(required=True, metadata={"enum": ["accepted"]})


class ResetConfirmIn(Schema):
    """POST /p34/password-reset/confirm: the token from the email and the new password."""

    # Any text: a token that is not a live one is a 400, whatever its shape (NUL is a 422).
    token = fields.String(
        required=True,
        validate=[
            validate.Length(max=512),
            validate.Regexp(r"^[^\x00\ud800-\udfff]*$", error="No NUL or unpaired surrogate."),
        ],
    )
    new_password = password_field(
        min_length=MIN_PASSWORD_LENGTH, description="At least 8 characters."
    )
