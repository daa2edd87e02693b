"""POST /p34/password-reset and /p34/password-reset/confirm: a forgotten password, by email."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from flask_track.concepts.p34_password_reset.models import PasswordResetToken
from flask_track.concepts.p34_password_reset.schemas import (
    ResetConfirmIn,
    ResetRequestIn,
    ResetRequestOut,
)
from flask_track.concepts.p34_password_reset.tasks import ISSUE_TASK, token_hash
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.core.types import utcnow
from flask_track.extensions import db, queue
from flask_track.shared.passwords import hash_password
from flask_track.shared.revocation import revoke_all_tokens
from flask_track.shared.users import User, normalize_email

log = logging.getLogger("flask_track.p34")

blp = Blueprint("p34", __name__)


def bad_token() -> ProblemError:
    """One answer for unknown, used, superseded and expired tokens."""
    return ProblemError(400, None, "The reset token is invalid, used or expired.")


@blp.route("/password-reset", methods=["POST"])
@blp.arguments(ResetRequestIn)
@blp.response(202, ResetRequestOut)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def request_reset(data: dict[str, Any]) -> dict[str, str]:
    """Ask for a reset email; the same 202 whether or not the email has an account."""
    # No lookup here: the worker decides whether the address has an account, so this answer
    # costs the same (one enqueue) either way and its timing tells nothing.
    queue.enqueue(ISSUE_TASK, normalize_email(data["email"]))
    return {"status": "accepted"}


@blp.route("/password-reset/confirm", methods=["POST"])
@blp.arguments(ResetConfirmIn)
@blp.response(204)
@blp.alt_response(400, response="BAD_REQUEST")
# A well-formed token the server never issued is a 400 by the catalog's rule; the fuzzer
# (scripts/fuzz.py) accepts this status for schema-valid data on this operation only.
@blp.doc(**{"x-state-statuses": ["400"]})
def confirm_reset(data: dict[str, Any]) -> None:
    """Set a new password with a live token; every token of the account is revoked."""
    digest = token_hash(data["token"])
    now = utcnow()
    found = db.session.scalar(
        sa.select(PasswordResetToken).where(
            PasswordResetToken.token_hash == digest,
            PasswordResetToken.spent_at.is_(None),
            PasswordResetToken.expires_at > now,
        )
    )
    if found is None:
        raise bad_token()
    user_id = found.user_id
    new_hash = hash_password(data["new_password"])  # slow: before the write, not inside it
    db.session.rollback()
    newest = (
        sa.select(sa.func.max(PasswordResetToken.id))
        .where(PasswordResetToken.user_id == user_id)
        .scalar_subquery()
    )
    # One UPDATE spends the token: of two concurrent confirms only one sees it unspent.
    spent = db.session.execute(
        sa.update(PasswordResetToken)
        .where(
            PasswordResetToken.token_hash == digest,
            PasswordResetToken.spent_at.is_(None),
            PasswordResetToken.expires_at > now,
            PasswordResetToken.id == newest,
        )
        .values(spent_at=now, spent_reason="used")
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        db.session.rollback()
        raise bad_token()
    db.session.execute(sa.update(User).where(User.id == user_id).values(password_hash=new_hash))
    db.session.execute(
        sa.update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user_id, PasswordResetToken.spent_at.is_(None))
        .values(spent_at=now, spent_reason="password-changed")
    )
    revoke_all_tokens(user_id, "password-reset")
    db.session.commit()
    log.info("password reset", extra={"fields": {"event": "password_reset", "user_id": user_id}})
