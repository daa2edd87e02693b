"""POST /p35/jobs and GET /p35/jobs/{id}: accept slow work now, run it in the worker."""

from __future__ import annotations

import logging
from typing import Any

from flask import url_for

from flask_track.concepts.p35_background_task.models import Job
from flask_track.concepts.p35_background_task.schemas import JobIn, JobOut
from flask_track.concepts.p35_background_task.tasks import RUN_TASK
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db, queue
from flask_track.shared.tokens import auth_required, current_user

log = logging.getLogger("flask_track.p35")

blp = Blueprint("p35", __name__)

LOCATION_HEADER = {"Location": {"schema": {"type": "string"}, "description": "The job's status"}}


@blp.route("/jobs", methods=["POST"])
@auth_required(blp)
@blp.arguments(JobIn)
@blp.response(202, JobOut, headers=LOCATION_HEADER)
def create_job(data: dict[str, Any]) -> tuple[Job, int, dict[str, str]]:
    """Accept a job (persisted before the answer); a worker runs it; poll its Location."""
    job = Job(owner_id=current_user().id, kind=data["kind"], payload=data["payload"])
    db.session.add(job)
    db.session.commit()  # the row first: from here on the job cannot be lost
    try:
        queue.enqueue(RUN_TASK, job.id)
    except ProblemError:
        # The queue's storage is away: the job is accepted all the same, the worker's sweep
        # rings it once the queue is back (the row is the truth, the queue only a doorbell).
        log.warning("p35 enqueue deferred", extra={"fields": {"job_id": job.id}})
    return job, 202, {"Location": url_for("p35.get_job", job_id=job.id)}


@blp.route("/jobs/<id:job_id>")
@auth_required(blp)
@blp.response(200, JobOut)
def get_job(job_id: int) -> Job:
    """A job's status, result and error: its owner or an admin; anyone else gets 404."""
    user = current_user()
    job = db.session.get(Job, job_id)
    # 404, not 403, for someone else's job: its existence is not theirs to learn.
    if job is None or (job.owner_id != user.id and user.role != "admin"):
        raise ProblemError.not_found(f"No job {job_id}.")
    return job
