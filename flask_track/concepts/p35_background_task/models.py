"""The jobs table: the truth about every job (the queue only carries its id)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

KINDS = ("wordcount", "sleep", "fail")
STATUSES = ("queued", "running", "succeeded", "failed")


class Job(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """One accepted job: what to do, for whom, and where it stands."""

    __tablename__ = "jobs"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')", name="ck_jobs_status"
        ),
        sa.CheckConstraint("kind IN ('wordcount', 'sleep', 'fail')", name="ck_jobs_kind"),
        sa.Index("ix_jobs_status_enqueued", "status", "enqueued_at"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        BigIntId,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_jobs_owner"),
        index=True,
    )
    kind: Mapped[str] = mapped_column(sa.String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON())
    status: Mapped[str] = mapped_column(sa.String(16), default="queued", server_default="queued")
    result: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON())
    error: Mapped[str | None] = mapped_column(sa.String(500))
    # How often a worker claimed it (1 unless a worker died mid-run and the claim expired).
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    claimed_by: Mapped[str | None] = mapped_column(sa.String(100))
    # A running job whose lease is over belongs to a dead worker: the sweep requeues it.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the doorbell was last rung; a queued job not started long after is rung again.
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
