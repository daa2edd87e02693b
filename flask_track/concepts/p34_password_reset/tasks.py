"""What the worker does for p34: look the email up, mint a token, write the reset email.

The request thread only enqueues the address: whether it belongs to an account is decided
here, where no response waits on it, so the answer and its timing cannot tell.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from flask_track.concepts.p34_password_reset.models import PasswordResetToken
from flask_track.core.types import utcnow
from flask_track.extensions import db, queue
from flask_track.shared.outbox import add_message
from flask_track.shared.users import User, normalize_email

ISSUE_TASK = "p34.issue_reset"
SUBJECT = "Reset your password"
TOKEN_BYTES = 32  # 256 bits (the catalog asks for at least 128)


def token_hash(token: str) -> str:
    """What is stored: SHA-256 of the token (hex)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def reset_text(token: str) -> str:
    """The email's text: the token on its own line and a link from PUBLIC_URL (never Host)."""
    base = current_app.config["PUBLIC_URL"]
    minutes = int(current_app.config["PASSWORD_RESET_TTL_S"]) // 60
    return (
        "Someone asked to reset the password of your account.\n\n"
        f"Reset token: {token}\n\n"
        f"Or open {base}/#/p34?token={token}\n\n"
        f"The token works once, for {minutes} minutes. "
        "If you did not ask for it, ignore this email: your password stays as it is.\n"
    )


@queue.task(ISSUE_TASK)
def issue_reset(email: str) -> None:
    """Mint a token for the account with this email (if any) and queue its email."""
    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if user is None:
        return  # nobody to write to; the request was answered the same way
    now = utcnow()
    # A newer token voids the older ones (confirm also accepts only the newest).
    db.session.execute(
        sa.update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.spent_at.is_(None))
        .values(spent_at=now, spent_reason="superseded")
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    ttl = timedelta(seconds=int(current_app.config["PASSWORD_RESET_TTL_S"]))
    db.session.add(
        PasswordResetToken(
            user_id=user.id, token_hash=token_hash(token), created_at=now, expires_at=now + ttl
        )
    )
    # add_message commits the token and the email together.
    add_message(user.email, SUBJECT, reset_text(token), sensitive=True)
