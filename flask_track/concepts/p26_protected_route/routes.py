"""GET, PATCH and DELETE /p26/me: the caller's own account, found from the token alone."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from flask_track.concepts.p26_protected_route.schemas import MePatch
from flask_track.core.openapi import Blueprint
from flask_track.extensions import db
from flask_track.shared.tokens import auth_required, current_user
from flask_track.shared.users import User, UserOut, an_admin_remains, last_admin, lock_admins

blp = Blueprint("p26", __name__)


@blp.route("/me", methods=["GET"])
@auth_required(blp)
@blp.response(200, UserOut)
def me() -> User:
    """The account of the access token's user (read from the database, not the token)."""
    return current_user()


@blp.route("/me", methods=["PATCH"])
@auth_required(blp)
@blp.arguments(MePatch)
@blp.response(200, UserOut)
def update_me(data: dict[str, Any]) -> User:
    """Change your display name."""
    user = current_user()
    user.display_name = data["display_name"]
    db.session.commit()
    return user


@blp.route("/me", methods=["DELETE"])
@auth_required(blp)
@blp.response(204)
@blp.alt_response(409, response="CONFLICT")
def delete_me() -> None:
    """Delete your account; its tokens stop working (their user is gone)."""
    user = current_user()
    if user.role == "admin":
        lock_admins()  # PostgreSQL: queue behind a concurrent demotion or deletion of an admin
    # One statement decides: an admin may only delete themselves while another admin exists.
    deleted = db.session.execute(sa.delete(User).where(User.id == user.id, an_admin_remains()))
    if deleted.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        db.session.rollback()
        raise last_admin()
    db.session.commit()
