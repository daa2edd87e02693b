"""What p22 accepts (it answers UserOut, shared/users.py: every auth route shows users alike)."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

from flask_track.concepts.p22_signup.common_passwords import is_common
from flask_track.shared.users import email_field, password_field, printable_text

MIN_PASSWORD_LENGTH = 8


class SignupIn(Schema):
    """POST /p22/signup. Only these fields: `role`, `id` or anything else is a 422."""

    email = email_field()
    password = password_field(
        min_length=MIN_PASSWORD_LENGTH,
        description="At least 8 characters and not on the common-passwords list.",
    )
    display_name = fields.String(
        allow_none=True,
        load_default=None,
        validate=[validate.Length(min=1, max=100), printable_text],
    )

    @validates("password")
    def not_common(self, value: str, data_key: str) -> None:
        """NIST SP 800-63B: refuse passwords known from breach lists (case-insensitively)."""
        if is_common(value):
            raise ValidationError("This password is too common; choose another one.")
