"""POST /p33/emails and GET /p33/emails/{id}: email through an outbox and the worker."""

from __future__ import annotations

from typing import Any

from flask import url_for
from limits import RateLimitItemPerMinute

from flask_track.concepts.p33_email.schemas import EmailAccepted, EmailIn, EmailOut
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared import rate_limits
from flask_track.shared.outbox import OutboxMessage, add_message
from flask_track.shared.tokens import auth_required, current_user

blp = Blueprint("p33", __name__)

# 10 messages per user in any 60 seconds (a moving window).
SEND_LIMIT = RateLimitItemPerMinute(10)
LOCATION_HEADER = {"Location": {"schema": {"type": "string"}, "description": "The message"}}


def check_send_limit(user_id: int) -> None:
    """Count this send; 429 when it is the 11th in a minute: one atomic step (rate_limits.hit),
    so 20 concurrent sends cannot all see "9 so far"."""
    state = rate_limits.hit(SEND_LIMIT, "p33-send", str(user_id))
    if not state.allowed:
        raise ProblemError(
            429,
            "rate-limited",
            "At most 10 emails a minute; retry later.",
            headers={"Retry-After": str(max(1, state.reset_s))},
        )


@blp.route("/emails", methods=["POST"])
@auth_required(blp)
@blp.arguments(EmailIn)
@blp.response(202, EmailAccepted, headers=LOCATION_HEADER)
@blp.alt_response(429, response="TOO_MANY_REQUESTS")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def send_email(data: dict[str, Any]) -> tuple[OutboxMessage, int, dict[str, str]]:
    """Queue an email (validated first, then rate-limited); the worker delivers it."""
    user = current_user()
    check_send_limit(user.id)
    message = add_message(data["to"], data["subject"], data["text"], sender_id=user.id)
    return message, 202, {"Location": url_for("p33.get_email", message_id=message.id)}


@blp.route("/emails/<id:message_id>")
@auth_required(blp)
@blp.response(200, EmailOut)
def get_email(message_id: int) -> OutboxMessage:
    """A message's delivery status and attempts: its sender only; anyone else gets 404."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.sender_id != current_user().id:
        raise ProblemError.not_found(f"No email {message_id}.")
    return message
