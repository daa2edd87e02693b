"""GET /p30/admin/users and PATCH /p30/admin/users/{id}/role: admins only."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from flask_track.concepts.p30_roles.schemas import RoleIn, UserListOut, UserListQuery
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.tokens import auth_required, current_user
from flask_track.shared.users import User, UserOut, an_admin_remains, last_admin, lock_admins

blp = Blueprint("p30", __name__)
log = logging.getLogger("flask_track.auth")


@blp.route("/admin/users", methods=["GET"])
@auth_required(blp, role="admin")
@blp.arguments(UserListQuery, location="query")
@blp.response(200, UserListOut)
def list_users(query: dict[str, Any]) -> dict[str, Any]:
    """List users, newest first (admin only)."""
    statement = sa.select(User).order_by(User.id.desc())
    if "role" in query:
        statement = statement.where(User.role == query["role"])
    items = list(db.session.scalars(statement.limit(query["limit"]).offset(query["offset"])))
    return {"items": items, "count": len(items)}


@blp.route("/admin/users/<id:user_id>/role", methods=["PATCH"])
@auth_required(blp, role="admin")
@blp.arguments(RoleIn)
@blp.response(200, UserOut)
@blp.alt_response(409, response="CONFLICT")
def set_role(data: dict[str, Any], user_id: int) -> User:
    """Promote or demote a user (admin only); the last admin cannot be demoted."""
    role = data["role"]
    lock_admins()  # PostgreSQL: a concurrent demotion waits for this one to commit
    statement = sa.update(User).where(User.id == user_id).values(role=role)
    if role != "admin":
        statement = statement.where(an_admin_remains())
    changed = db.session.execute(statement)
    if changed.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        db.session.rollback()
        if db.session.get(User, user_id) is None:
            raise ProblemError.not_found("No user with this id.")
        raise last_admin()
    db.session.commit()
    log.info(
        "role changed",
        extra={
            "fields": {
                "event": "role_changed",
                "user_id": user_id,
                "role": role,
                "by": current_user().id,
            }
        },
    )
    user = db.session.get(User, user_id)
    assert user is not None
    return user
