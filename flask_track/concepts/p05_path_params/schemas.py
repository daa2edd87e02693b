"""What p05 answers."""

from marshmallow import Schema, fields


class UserOut(Schema):
    """One user, with the ids of the posts they wrote (so a client can follow them)."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    name = fields.String(required=True)
    post_ids = fields.List(fields.Integer(), required=True)


class PostOut(Schema):
    """One post and the id of its author."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    user_id = fields.Integer(required=True, metadata={"minimum": 1})
    title = fields.String(required=True)
    body = fields.String(required=True)
