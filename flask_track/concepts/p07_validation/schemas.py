"""What p07 accepts and answers: every rule is declared here, once, and documented from here."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from flask_track.core.fields import StrictInteger

USERNAME_CHARS = re.compile(r"[a-z0-9_]+")
USERNAME_MIN, USERNAME_MAX = 3, 30
AGE_MIN, AGE_MAX = 13, 120
PASSWORD_MIN, PASSWORD_MAX = 8, 128
EMAIL_MAX = 254  # the longest address SMTP can carry (RFC 5321 forward-path)
URL_MAX = 2048


# What "surrounding whitespace" means here: ASCII space, tab and line breaks. Spelled out
# because Python's str.strip() and `\s` also take e.g. U+001F and U+0085, which JSON Schema's
# (ECMA) `\s` does not: the documented pattern and the server must agree on every character.
ASCII_SPACE = " \t\n\v\f\r"
SPACE_CLASS = r"[\t\n\v\f\r ]"


class StrippedString(fields.String):
    """A string whose surrounding ASCII whitespace is removed before any validator sees it."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).strip(ASCII_SPACE)


class LowercaseEmail(fields.Email):
    """An email address, lower-cased so Ada@Example.com and ada@example.com are one address."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).lower()


def check_username(value: str) -> None:
    """Length and alphabet, each with its own message, on the stripped value."""
    problems = []
    if not USERNAME_MIN <= len(value) <= USERNAME_MAX:
        problems.append(f"Length must be between {USERNAME_MIN} and {USERNAME_MAX}.")
    if not USERNAME_CHARS.fullmatch(value):
        problems.append("Use only lowercase letters a-z, digits 0-9 and underscore.")
    if problems:
        raise ValidationError(problems)


class RegistrationIn(Schema):
    """The body of POST /p07/registrations. Unknown fields are refused (marshmallow RAISE)."""

    # The server strips surrounding whitespace, so the documented pattern allows it; a length
    # limit on the raw text would wrongly refuse "  ada  " and is carried by the pattern.
    username = StrippedString(
        required=True,
        validate=check_username,
        metadata={
            "pattern": rf"^{SPACE_CLASS}*[a-z0-9_]{{{USERNAME_MIN},{USERNAME_MAX}}}{SPACE_CLASS}*$",
            "description": "3-30 of a-z, 0-9, _ after surrounding ASCII whitespace "
            "(space, tab, line breaks) is stripped; "
            "uppercase is refused, not lowered.",
            "example": "ada_lovelace",
        },
    )
    email = LowercaseEmail(
        required=True,
        validate=validate.Length(max=EMAIL_MAX),
        metadata={"description": "Lower-cased on the way in.", "example": "Ada@Example.com"},
    )
    age = StrictInteger(
        required=True,
        validate=validate.Range(min=AGE_MIN, max=AGE_MAX),
        metadata={"description": "A JSON integer (not a string, float or boolean)."},
    )
    password = fields.String(
        required=True,
        load_only=True,
        validate=[
            validate.Length(min=PASSWORD_MIN, max=PASSWORD_MAX),
            # CATALOG §0: NUL in any text field → 422, even one that is never stored.
            validate.Regexp(r"^[^\x00]*$", error="Must not contain NUL characters."),
        ],
        metadata={"description": "8-128 characters, no NUL; never answered, never stored."},
    )
    website = fields.URL(
        schemes={"http", "https"},
        validate=validate.Length(max=URL_MAX),
        metadata={
            # apispec would write the non-standard format "url"; "uri" is JSON Schema's.
            "format": "uri",
            # The scheme check is case-insensitive, so the documented pattern is too.
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://",
            "description": "Optional; an absolute http:// or https:// URL with a host.",
            "example": "https://example.com",
        },
    )


class RegistrationOut(Schema):
    """The normalized registration: what the server would store. Never the password."""

    username = fields.String(required=True)
    email = fields.String(required=True, metadata={"format": "email"})
    age = fields.Integer(required=True, metadata={"minimum": AGE_MIN, "maximum": AGE_MAX})
    website = fields.String(required=True, allow_none=True, metadata={"format": "uri"})
