"""What p30 accepts and answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from flask_track.core.pagination import PageArgs
from flask_track.shared.users import ROLES, UserOut


class UserListQuery(PageArgs):
    """GET /p30/admin/users: CATALOG §0's limit/offset, and an optional role filter."""

    role = fields.String(validate=validate.OneOf(ROLES), metadata={"description": "Filter."})


class UserListOut(Schema):
    """A page of users, newest first."""

    items = fields.List(fields.Nested(UserOut), required=True)
    count = fields.Integer(required=True, metadata={"description": "Items in this response."})


class RoleIn(Schema):
    """PATCH /p30/admin/users/{id}/role."""

    role = fields.String(required=True, validate=validate.OneOf(ROLES))
