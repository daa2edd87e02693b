"""What the worker runs for p35: claim a job atomically, run its kind, record the outcome."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from flask_track.concepts.p35_background_task.models import Job
from flask_track.core.types import utcnow
from flask_track.extensions import db, queue
from flask_track.shared.queue import worker_id

log = logging.getLogger("flask_track.p35")

RUN_TASK = "p35.run_job"
# A running job holds a lease of JOB_LEASE_S (default 30 s) that its worker renews every third
# of it while the job runs: a lease that ran out belongs to a worker that died, and the sweep
# hands the job on. (A lease longer than any job would do too, but slow dead-worker recovery.)
# A queued job nobody started this long after its doorbell rang is rung again (a lost ring).
RERING_AFTER_S = 30


class JobFailed(Exception):
    """The job's own failure: its message is the job's `error`."""


def wordcount(payload: dict[str, Any]) -> dict[str, Any]:
    return {"words": len(payload["text"].split())}


def sleep(payload: dict[str, Any]) -> dict[str, Any]:
    time.sleep(payload["seconds"])
    return {"slept": payload["seconds"]}


def fail(payload: dict[str, Any]) -> dict[str, Any]:
    raise JobFailed(payload.get("message", "The job failed, as asked."))


KINDS = {"wordcount": wordcount, "sleep": sleep, "fail": fail}


def claim(job_id: int) -> bool:
    """One UPDATE that only one worker can win: queued -> running, with a lease."""
    now = utcnow()
    result = db.session.execute(
        sa.update(Job)
        .where(Job.id == job_id, Job.status == "queued")
        .values(
            status="running",
            started_at=now,
            lease_until=now + timedelta(seconds=float(current_app.config["JOB_LEASE_S"])),
            claimed_by=worker_id(),
            attempts=Job.attempts + 1,
        )
    )
    db.session.commit()
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]  # a CursorResult


@queue.task(RUN_TASK)
def run_job(job_id: int) -> None:
    """Run one job if this worker wins its claim (a duplicate ring finds it taken)."""
    if not claim(job_id):
        return
    job = db.session.get(Job, job_id)
    if job is None:  # its owner was deleted meanwhile
        return
    attempts, kind, payload = job.attempts, job.kind, dict(job.payload)
    db.session.rollback()  # no transaction held open while the job runs
    done = threading.Event()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    renewer = threading.Thread(
        target=renew_lease, args=(app, job_id, attempts, done), name=f"lease-{job_id}"
    )
    renewer.start()
    values: dict[str, Any]
    try:
        values = {"status": "succeeded", "result": KINDS[kind](payload)}
    except JobFailed as error:
        values = {"status": "failed", "error": str(error)[:500]}
    except Exception:
        log.exception("p35 job crashed", extra={"fields": {"job_id": job_id}})
        values = {"status": "failed", "error": "The job crashed."}
    finally:
        done.set()
        renewer.join()
    # Only the holder of the claim records the outcome (a requeued job has a new holder).
    db.session.execute(
        sa.update(Job)
        .where(Job.id == job_id, Job.status == "running", Job.attempts == attempts)
        .values(finished_at=utcnow(), lease_until=None, **values)
    )
    db.session.commit()


def renew_lease(app: Flask, job_id: int, attempts: int, done: threading.Event) -> None:
    """Push the lease of a job this worker runs forward until `done` (its own session)."""
    lease = float(app.config["JOB_LEASE_S"])
    with app.app_context():
        while not done.wait(lease / 3):
            try:
                db.session.execute(
                    sa.update(Job)
                    .where(Job.id == job_id, Job.status == "running", Job.attempts == attempts)
                    .values(lease_until=utcnow() + timedelta(seconds=lease))
                )
                db.session.commit()
            except Exception:  # the database away for a moment: try again next time
                db.session.rollback()
                log.warning("lease renewal failed", extra={"fields": {"job_id": job_id}})


@queue.sweep
def requeue_lost_jobs() -> int:
    """Requeue jobs of dead workers (lease over) and ring queued jobs whose ring was lost."""
    now = utcnow()
    db.session.execute(
        sa.update(Job)
        .where(Job.status == "running", Job.lease_until < now)
        .values(status="queued", lease_until=None, enqueued_at=now - timedelta(days=1))
    )
    db.session.commit()
    stale = now - timedelta(seconds=RERING_AFTER_S)
    ids = db.session.scalars(
        sa.select(Job.id).where(Job.status == "queued", Job.enqueued_at < stale).limit(500)
    ).all()
    if ids:
        db.session.execute(sa.update(Job).where(Job.id.in_(ids)).values(enqueued_at=now))
        db.session.commit()
    for job_id in ids:
        queue.enqueue(RUN_TASK, job_id)
    return len(ids)
