"""What p08 answers (all of it problems) and the range its http-error route accepts."""

from __future__ import annotations

from marshmallow import fields

from flask_track.core.openapi import ProblemSchema

HTTP_ERROR_MIN, HTTP_ERROR_MAX = 400, 599


class InsufficientStockProblem(ProblemSchema):
    """The 409 problem of GET /p08/domain-error: a problem plus the facts of the refusal."""

    sku = fields.String(required=True, metadata={"example": "p08-widget"})
    requested = fields.Integer(required=True, metadata={"minimum": 1})
    available = fields.Integer(required=True, metadata={"minimum": 0})


# The `id` converter lets only plain ASCII digits reach the view (anything else is a routing
# 404); the view refuses numbers outside the range with 422.
CODE_PARAMETER = {
    "in": "path",
    "name": "code",
    "required": True,
    "description": "An HTTP error status from 400 to 599.",
    "schema": {"type": "integer", "minimum": HTTP_ERROR_MIN, "maximum": HTTP_ERROR_MAX},
}
