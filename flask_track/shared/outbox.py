"""The outbox: every email is a row first; the worker delivers it (p33 and p34).

Nothing is sent from a request thread. `add_message()` inserts a row (`queued`) and rings the
queue; the task `outbox.deliver` claims the row atomically (one UPDATE that only one process
can win: status still `queued`, the retry due, no live claim), sends it with Flask-Mail and
records the outcome. SMTP unreachable, a timeout or a 4xx: the row stays `queued` with
`next_attempt_at` pushed back exponentially (with jitter), capped at OUTBOX_RETRY_MAX_S;
a 5xx: `failed`. The retry schedule is on the row, not only in the queue: the worker's sweep
rings every due row again, so a restart of the worker (or a lost doorbell) loses nothing.

Delivery is at least once: a worker killed between the SMTP server's "250" and the commit
leaves the row claimed; its claim expires and the message is sent again. That window is one
statement wide; every other path (duplicate rings, two workers) sends a message exactly once.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.readiness import add_readiness_check
from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db, mailer, queue
from flask_track.shared.mailer import Envelope, PermanentFailure, TemporaryFailure
from flask_track.shared.queue import worker_id

log = logging.getLogger("flask_track.outbox")

STATUSES = ("queued", "sent", "failed")
DELIVER_TASK = "outbox.deliver"
# A claim older than this is a dead worker's: the row may be taken again.
CLAIM_S = 60
MAX_ERROR_CHARS = 200


class OutboxMessage(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """One email to send: who asked, to whom, what, and where its delivery stands."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        sa.CheckConstraint("status IN ('queued', 'sent', 'failed')", name="ck_outbox_status"),
        sa.Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    # The user who asked (p33); None for the app's own mail (p34's reset email).
    sender_id: Mapped[int | None] = mapped_column(
        BigIntId,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_outbox_sender"),
        index=True,
    )
    to_address: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text())
    # The body holds a secret (a reset token): wiped once sent or failed.
    sensitive: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[str] = mapped_column(sa.String(16), default="queued", server_default="queued")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(sa.String(100))
    last_error: Mapped[str | None] = mapped_column(sa.String(MAX_ERROR_CHARS))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def add_message(
    to: str, subject: str, text: str, *, sender_id: int | None = None, sensitive: bool = False
) -> OutboxMessage:
    """Write a `queued` row (committed), then ring the worker. Returns the row."""
    message = OutboxMessage(
        sender_id=sender_id, to_address=to, subject=subject, body=text, sensitive=sensitive
    )
    db.session.add(message)
    db.session.commit()
    ring(message.id)
    return message


def ring(message_id: int) -> None:
    """Ask a worker to try this row now; a lost ring is made good by the sweep."""
    try:
        queue.enqueue(DELIVER_TASK, message_id)
    except Exception:  # the row is committed: the sweep rings it once the queue is back
        log.warning("outbox ring failed", extra={"fields": {"message_id": message_id}})


def backoff_s(attempts: int) -> float:
    """Seconds before retry number `attempts`: base * 2^(n-1), capped, with +-20 % jitter."""
    base = float(current_app.config["OUTBOX_RETRY_BASE_S"])
    cap = float(current_app.config["OUTBOX_RETRY_MAX_S"])
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    jitter = random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not a secret
    return float(max(0.1, delay * jitter))


def _claim(message_id: int) -> bool:
    """One UPDATE only one worker can win: queued, due, and not claimed by a live worker."""
    now = utcnow()
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == "queued",
            OutboxMessage.next_attempt_at <= now,
            sa.or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .values(
            claimed_until=now + timedelta(seconds=CLAIM_S),
            claimed_by=worker_id(),
            attempts=OutboxMessage.attempts + 1,
        )
    )
    db.session.commit()
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]  # a CursorResult


@queue.task(DELIVER_TASK)
def deliver(message_id: int) -> None:
    """Send one outbox row if this worker wins its claim; record sent, failed or retry."""
    if not _claim(message_id):
        return  # sent already, not due yet, or another worker has it
    message = db.session.get(OutboxMessage, message_id)
    if message is None:  # deleted with its sender meanwhile
        return
    envelope = Envelope(message.to_address, message.subject, message.body, str(message.id))
    mine = OutboxMessage.id == message_id, OutboxMessage.claimed_by == worker_id()
    try:
        mailer.send(envelope)
    except PermanentFailure as error:
        values: dict[str, object] = {"status": "failed", "last_error": str(error)[:200]}
        log.warning("outbox message failed", extra={"fields": {"message_id": message_id}})
    except TemporaryFailure as error:
        delay = backoff_s(message.attempts)
        values = {
            "next_attempt_at": utcnow() + timedelta(seconds=delay),
            "last_error": str(error)[:MAX_ERROR_CHARS],
        }
        log.info(
            "outbox retry",
            extra={"fields": {"message_id": message_id, "attempts": message.attempts}},
        )
        db.session.execute(
            sa.update(OutboxMessage).where(*mine).values(claimed_until=None, **values)
        )
        db.session.commit()
        ring_later(message_id, delay)
        return
    else:
        values = {"status": "sent", "sent_at": utcnow(), "last_error": None}
    if message.sensitive:
        values["body"] = ""
    db.session.execute(sa.update(OutboxMessage).where(*mine).values(claimed_until=None, **values))
    db.session.commit()


def ring_later(message_id: int, delay: float) -> None:
    """Schedule the retry in the queue too (the sweep is the safety net, not the clock)."""
    try:
        queue.enqueue(DELIVER_TASK, message_id, delay=delay)
    except Exception:
        log.warning("outbox schedule failed", extra={"fields": {"message_id": message_id}})


@queue.sweep
def ring_due_messages() -> int:
    """Ring every queued row whose retry is due and that no live worker holds."""
    now = utcnow()
    due = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(
            OutboxMessage.status == "queued",
            OutboxMessage.next_attempt_at <= now,
            sa.or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .order_by(OutboxMessage.next_attempt_at)
        .limit(500)
    ).all()
    db.session.rollback()  # end the read transaction before ringing
    for message_id in due:
        queue.enqueue(DELIVER_TASK, message_id)
    return len(due)


def init_outbox(app: Flask) -> None:
    """Report the job queue (backend, backlog, worker heartbeat) in /ready."""
    add_readiness_check(app, "queue", queue.status)
