"""What p33 accepts and answers: one plain-text email, and where its delivery stands."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from flask_track.core.fields import TEXT_MESSAGE, TEXT_PATTERN
from flask_track.shared.outbox import STATUSES
from flask_track.shared.users import printable_text

MAX_SUBJECT = 200
MAX_TEXT = 50_000


def no_line_breaks(value: str) -> None:
    """CR or LF in a header field would let the sender add headers (Bcc: ...): refuse it."""
    if "\r" in value or "\n" in value:
        raise ValidationError("Must not contain CR or LF.")


class EmailIn(Schema):
    """POST /p33/emails: one recipient, a subject line and a plain-text body."""

    to = fields.Email(
        required=True,
        validate=[validate.Length(max=254), no_line_breaks, printable_text],
        metadata={"example": "ada@example.com"},
    )
    subject = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_SUBJECT),
            no_line_breaks,
            printable_text,
            validate.Regexp(TEXT_PATTERN, error=TEXT_MESSAGE),
        ],
        metadata={"pattern": "^[^\\r\\n\\u0000]+$"},
    )
    text = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_TEXT),
            validate.Regexp(TEXT_PATTERN, error=TEXT_MESSAGE),
        ],
    )


class EmailAccepted(Schema):
    """The outbox row's id and its status (queued)."""

    id = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})


class EmailOut(Schema):
    """Where a message's delivery stands."""

    id = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    attempts = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    sent_at = fields.DateTime(required=True, allow_none=True)
