"""What p29 accepts."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class LogoutIn(Schema):
    """POST /p29/logout: the body is optional."""

    refresh_token = fields.String(
        validate=validate.Length(min=1, max=4096),
        metadata={"description": "Also revoke this refresh token (and its rotation family)."},
    )
