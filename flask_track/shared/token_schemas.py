"""The token pair's representation: p28's refresh and login answers, p41's login (plus more)."""

from __future__ import annotations

from marshmallow import Schema, fields


class TokenPairOut(Schema):
    """An access token and the refresh token that replaces the one just used."""

    access_token = fields.String(required=True)
    refresh_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"enum": ["Bearer"]})
    expires_in = fields.Integer(required=True, metadata={"minimum": 1})
    refresh_expires_in = fields.Integer(required=True, metadata={"minimum": 1})
