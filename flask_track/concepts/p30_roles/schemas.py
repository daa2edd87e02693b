"""What p30 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.core.auth import ROLES, UserOut
from flask_track.core.fields import QueryInteger


class UserListQuery(Schema):
    """GET /p30/admin/users query parameters."""

    limit = QueryInteger(load_default=20, validate=validate.Range(min=1, max=100))
    offset = QueryInteger(load_default=0, validate=validate.Range(min=0, max=10**9))
    role = fields.String(validate=validate.OneOf(ROLES), metadata={"description": "Filter."})


class UserListOut(Schema):
    """A page of users, newest first."""

    items = fields.List(fields.Nested(UserOut), required=True)
    count = fields.Integer(required=True, metadata={"description": "Items in this response."})


class RoleIn(Schema):
    """PATCH /p30/admin/users/{id}/role."""

    role = fields.String(required=True, validate=validate.OneOf(ROLES))
