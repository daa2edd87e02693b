"""POST /p22/signup: a new user with role "user", whatever the body says."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p22_signup.schemas import SignupIn
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.passwords import hash_password
from flask_track.shared.users import User, UserOut, normalize_email

blp = Blueprint("p22", __name__)


@blp.route("/signup", methods=["POST"])
@blp.arguments(SignupIn)
@blp.response(201, UserOut)
@blp.alt_response(409, response="CONFLICT")
def signup(data: dict[str, Any]) -> User:
    """Create an account; the email is unique ignoring case."""
    user = User(
        email=normalize_email(data["email"]),
        # Hashed before the duplicate check: a taken email costs the same time as a free one.
        password_hash=hash_password(data["password"]),
        display_name=data["display_name"],
        role="user",  # never from the request (SignupIn has no role field: 422)
    )
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # The unique index decides, not a SELECT first: two concurrent signups cannot both win.
        db.session.rollback()
        raise ProblemError(409, "conflict", "An account with this email already exists.") from None
    return user
