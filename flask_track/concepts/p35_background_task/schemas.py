"""What p35 accepts and answers: a job's kind and payload, and its state."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from flask_track.concepts.p35_background_task.models import KINDS, STATUSES
from flask_track.core.fields import TEXT_MESSAGE, TEXT_PATTERN

MAX_TEXT = 100_000
MAX_SLEEP_S = 10


class WordcountPayload(Schema):
    """`wordcount`: count the words of `text`."""

    text = fields.String(
        required=True,
        validate=[
            validate.Length(max=MAX_TEXT),
            validate.Regexp(r"^[^\x00\ud800-\udfff]*$", error="No NUL or unpaired surrogate."),
        ],
    )


class SleepPayload(Schema):
    """`sleep`: hold a worker thread for `seconds` (0-10), then succeed."""

    seconds = fields.Float(required=True, validate=validate.Range(min=0, max=MAX_SLEEP_S))

    @validates_schema(pass_original=True)
    def _a_json_number(self, _data: dict[str, Any], original: Any, **_kwargs: Any) -> None:
        # CATALOG §0: strictly typed JSON ("3" and true are not numbers).
        if not isinstance(original, dict) or "seconds" not in original:
            return
        value = original["seconds"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError("Must be a JSON number.", "seconds")


class FailPayload(Schema):
    """`fail`: fail on purpose, with `message` as the job's error."""

    message = fields.String(
        validate=[
            validate.Length(min=1, max=200),
            validate.Regexp(TEXT_PATTERN, error=TEXT_MESSAGE),
        ]
    )


PAYLOADS: dict[str, type[Schema]] = {
    "wordcount": WordcountPayload,
    "sleep": SleepPayload,
    "fail": FailPayload,
}


class JobIn(Schema):
    """POST /p35/jobs: the kind of job and its payload (its fields depend on the kind)."""

    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    payload = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={
            "description": (
                'wordcount: {"text": str}; sleep: {"seconds": 0-10}; fail: {"message"?: str}.'
            ),
            "example": {"text": "the quick brown fox"},
        },
    )

    @validates_schema
    def _payload_fits_kind(self, data: dict[str, Any], **_kwargs: Any) -> None:
        kind, payload = data.get("kind"), data.get("payload")
        if kind in PAYLOADS and isinstance(payload, dict):
            errors = PAYLOADS[kind]().validate(payload)
            if errors:
                raise ValidationError({"payload": errors})

    @post_load
    def _load_payload(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        data["payload"] = PAYLOADS[data["kind"]]().load(data["payload"])
        return data


class JobOut(Schema):
    """A job as its owner sees it."""

    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"enum": list(KINDS)})
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    result = fields.Dict(required=True, allow_none=True)
    error = fields.String(required=True, allow_none=True)
    attempts = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(required=True, allow_none=True)
    finished_at = fields.DateTime(required=True, allow_none=True)
