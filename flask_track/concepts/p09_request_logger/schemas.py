"""What p09 accepts and answers."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, INCLUDE, Schema, ValidationError, fields, post_dump

from flask_track.core.request_id import VALID_REQUEST_ID


def check_request_id(value: str) -> None:
    """The same rule the app uses for X-Request-ID (fullmatch: no trailing newline sneaks in)."""
    if not VALID_REQUEST_ID.fullmatch(value):
        raise ValidationError("Must be 1-128 of A-Z, a-z, 0-9, '.', '_' and '-'.")


class LogsQueryIn(Schema):
    """The query string of GET /p09/logs."""

    class Meta:
        unknown = EXCLUDE  # like every query string: unknown parameters are ignored

    request_id = fields.String(
        required=True,
        validate=check_request_id,
        metadata={
            "pattern": f"^{VALID_REQUEST_ID.pattern}$",
            "description": "The X-Request-ID of the request whose records you want.",
        },
    )


class LogRecordOut(Schema):
    """One structured log record, as the JSON log line holds it."""

    class Meta:
        # Records carry the structured fields of whoever logged them (error_type, ...): the
        # document says so (additionalProperties: true) and post_dump keeps them.
        unknown = INCLUDE

    ts = fields.String(required=True, metadata={"format": "date-time"})
    level = fields.String(
        required=True, metadata={"enum": ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]}
    )
    logger = fields.String(required=True, metadata={"example": "flask_track.access"})
    message = fields.String(required=True)
    # The fields below are what the access log writes. Other code may log fields with the same
    # names; Raw dumps values as they are, so an odd value can never turn this route into a 500.
    request_id = fields.Raw(metadata={"type": "string"})
    method = fields.Raw(metadata={"type": "string", "description": "Access records: the method."})
    path = fields.Raw(
        metadata={"type": "string", "description": "Access records: the path, no query string."}
    )
    status = fields.Raw(
        metadata={"type": "integer", "description": "Access records: the response status."}
    )
    duration_ms = fields.Raw(
        metadata={
            "type": "number",
            "minimum": 0,
            "description": "Access records: milliseconds spent in the app.",
        }
    )

    @post_dump(pass_original=True)
    def keep_other_fields(
        self, data: dict[str, Any], original: dict[str, Any], **kwargs: Any
    ) -> dict[str, Any]:
        """dump() only writes declared fields; add back the record's own extra fields."""
        return {**original, **data}


class LogsOut(Schema):
    """The records logged for one request id, oldest first."""

    request_id = fields.String(required=True)
    items = fields.List(fields.Nested(LogRecordOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})


class LifecycleOut(Schema):
    """The hooks that ran for this request before its body was built, in order."""

    request_id = fields.String(required=True)
    hooks = fields.List(
        fields.String(),
        required=True,
        metadata={"example": ["before_app_request", "before_request", "handler"]},
    )
