"""A note's fields and representation, shared by p13-p16 (input schemas are each concept's)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

TITLE_MAX = 200
BODY_MAX = 10_000
# NUL cannot be stored in PostgreSQL text, and a lone surrogate (JSON "\ud800") is not a
# character at all: no UTF-8 encoding exists for it. Both are refused on every database, so
# the API behaves the same on SQLite and PostgreSQL. The NUL rule is also the OpenAPI
# `pattern` (valid as ECMA-262 and Python regex); the surrogate rule is not, because regex
# engines built on Unicode scalar values (Rust's, which schemathesis uses) refuse a surrogate
# range, and JSON Schema strings are meant to hold characters anyway.
NO_NUL = r"^[^\x00]*$"
NUL_MESSAGE = "Must not contain NUL characters."
SURROGATES = re.compile(r"[\ud800-\udfff]")
STORABLE_MESSAGE = "Text without NUL characters or unpaired surrogates (\\ud800-\\udfff)."


def no_lone_surrogates(value: str) -> None:
    """Refuse unpaired surrogates: they have no UTF-8 encoding, so no driver can send them."""
    if SURROGATES.search(value):
        raise ValidationError("Must not contain unpaired surrogates (\\ud800-\\udfff).")


def title_field(*, required: bool) -> fields.String:
    """The `title` field: 1-200 characters of storable text."""
    return fields.String(
        required=required,
        validate=[
            validate.Length(min=1, max=TITLE_MAX),
            validate.Regexp(NO_NUL, error=NUL_MESSAGE),
            no_lone_surrogates,
        ],
        metadata={"example": "Buy milk", "description": STORABLE_MESSAGE},
    )


def body_field(*, required: bool, **kwargs: Any) -> fields.String:
    """The `body` field: up to 10,000 characters of storable text (may be empty)."""
    return fields.String(
        required=required,
        validate=[
            validate.Length(max=BODY_MAX),
            validate.Regexp(NO_NUL, error=NUL_MESSAGE),
            no_lone_surrogates,
        ],
        metadata={"example": "Two litres, semi-skimmed.", "description": STORABLE_MESSAGE},
        **kwargs,
    )


class UtcTimestamp(fields.DateTime):
    """An aware datetime written as UTC ISO 8601 with microseconds, always the same width.

    Microseconds matter: two updates within one second must still give different updated_at.
    """

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.astimezone(UTC).isoformat(timespec="microseconds")

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        raise NotImplementedError("timestamps are set by the server")  # output only


class NoteOut(Schema):
    """One note."""

    class Meta:
        # Published under p13's name: p13 introduces the representation p14-p16 answer.
        component_name = "p13.NoteOut"

    id = fields.Integer(required=True, metadata={"minimum": 1})
    title = fields.String(required=True, metadata={"maxLength": TITLE_MAX})
    body = fields.String(required=True)
    created_at = UtcTimestamp(required=True)
    updated_at = UtcTimestamp(required=True)
