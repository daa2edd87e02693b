"""What p25 answers."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.shared.users import ROLES


class ClaimsOut(Schema):
    """The verified claims of an access token."""

    sub = fields.String(required=True, metadata={"description": "The user id, as a string."})
    iat = fields.Integer(required=True, metadata={"description": "Issued at (Unix seconds)."})
    exp = fields.Integer(required=True, metadata={"description": "Expires at (Unix seconds)."})
    jti = fields.String(required=True, metadata={"description": "Unique token id."})
    type = fields.String(required=True, metadata={"enum": ["access"]})
    role = fields.String(
        required=True,
        metadata={"enum": list(ROLES), "description": "The role when issued (informative)."},
    )
    token_version = fields.Integer(required=True)
    fresh = fields.Boolean(required=True)


class VerifyOut(Schema):
    """GET /p25/verify."""

    claims = fields.Nested(ClaimsOut, required=True)
    expires_in = fields.Integer(required=True, metadata={"minimum": 0})
