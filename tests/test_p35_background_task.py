"""p35 white-box: jobs survive a worker restart, two workers run each job once, a dead
worker's job is handed on. These start real worker processes (`python -m flask_track.worker`)
on the test's SQLite file, so they prove what the compose file and `serve --with-worker` do.
"""

from __future__ import annotations

import signal
from datetime import timedelta
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from flask_track import create_app
from flask_track.concepts.p35_background_task.models import Job
from flask_track.concepts.p35_background_task.tasks import RUN_TASK
from flask_track.config import TestingConfig
from flask_track.core.types import utcnow
from flask_track.extensions import db, queue
from tests.worker_process import Worker, migrated_app, signed_up, wait_until

PASSWORD = "Cc-worker-test-password-1"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment shared by the test's app and its worker processes."""
    values = {
        "APP_ENV": "testing",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        "WORKER_SWEEP_S": "0.3",
        "JOB_LEASE_S": "2",
        "SMTP_PORT": "9",  # nothing is mailed here
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@pytest.fixture
def app(env: dict[str, str]) -> Flask:
    return migrated_app(env)


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    return signed_up(app, "w@example.com", PASSWORD)


def submit(client: FlaskClient, auth: dict[str, str], kind: str, payload: dict[str, Any]) -> int:
    response = client.post("/p35/jobs", headers=auth, json={"kind": kind, "payload": payload})
    assert response.status_code == 202, response.get_data(as_text=True)
    job_id: int = response.get_json()["id"]
    return job_id


def job(app: Flask, job_id: int) -> Job:
    with app.app_context():
        found = db.session.get(Job, job_id)
        assert found is not None
        db.session.expunge(found)
        return found


def test_an_accepted_job_survives_a_worker_restart(
    app: Flask, auth: dict[str, str], env: dict[str, str], tmp_path: Path
) -> None:
    """Accept with a worker running, stop it, accept more, restart: every job finishes."""
    client = app.test_client()
    worker = Worker(env, tmp_path / "w1.log").start()
    try:
        first = submit(client, auth, "wordcount", {"text": "a b"})
        wait_until(lambda: job(app, first).status == "succeeded", 30, "job 1", worker.output())
    finally:
        worker.stop()
    # No worker now: the jobs are accepted and wait, persisted in the database and the queue.
    waiting = [submit(client, auth, "wordcount", {"text": "x " * n}) for n in range(1, 4)]
    assert {job(app, j).status for j in waiting} == {"queued"}
    # A new app object, as after a server restart, reads the same jobs.
    restarted = create_app(TestingConfig())
    with restarted.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 4
    worker = Worker(env, tmp_path / "w2.log").start()
    try:
        for n, job_id in enumerate(waiting, start=1):
            wait_until(lambda j=job_id: job(app, j).status == "succeeded", 30, f"job {job_id}")
            assert job(app, job_id).result == {"words": n}
            assert job(app, job_id).attempts == 1
    finally:
        worker.stop()


def test_two_workers_run_each_job_exactly_once(
    app: Flask, auth: dict[str, str], env: dict[str, str], tmp_path: Path
) -> None:
    """Two worker processes, 30 jobs, every doorbell rung twice: each job runs once, and both
    workers take part."""
    client = app.test_client()
    ids = [submit(client, auth, "sleep", {"seconds": 0.05}) for _ in range(30)]
    with app.app_context():
        for job_id in ids:  # a duplicate ring for every job: the claim must absorb it
            queue.enqueue(RUN_TASK, job_id)
    workers = [Worker(env, tmp_path / f"w{n}.log").start() for n in range(2)]
    try:
        for job_id in ids:
            wait_until(lambda j=job_id: job(app, j).status == "succeeded", 45, f"job {job_id}")
    finally:
        for worker in workers:
            worker.stop()
    jobs = [job(app, job_id) for job_id in ids]
    assert [j.attempts for j in jobs] == [1] * 30
    pids = {int(str(j.claimed_by).rsplit(":", 1)[1]) for j in jobs}
    assert pids == {w.pid for w in workers}, f"both workers should have run jobs: {pids}"


def test_a_dead_workers_job_is_handed_to_another(
    app: Flask, auth: dict[str, str], env: dict[str, str], tmp_path: Path
) -> None:
    """A worker killed (SIGKILL) mid-job leaves it running; once its lease (renewed while the
    worker lived, 2 s here) runs out, another worker's sweep requeues it: it succeeds with
    attempts 2, and a job longer than the lease is not taken from a live worker."""
    client = app.test_client()
    worker = Worker(env, tmp_path / "w1.log").start()
    try:
        job_id = submit(client, auth, "sleep", {"seconds": 5})
        wait_until(lambda: job(app, job_id).status == "running", 30, "claim", worker.output())
    finally:
        worker.stop(signal.SIGKILL)
    assert job(app, job_id).status == "running"
    worker = Worker(env, tmp_path / "w2.log").start()
    try:
        wait_until(lambda: job(app, job_id).status == "succeeded", 40, "requeue", worker.output())
    finally:
        worker.stop()
    assert job(app, job_id).attempts == 2


def test_a_lost_doorbell_is_rung_again_by_the_sweep(
    app: Flask, auth: dict[str, str], env: dict[str, str], tmp_path: Path
) -> None:
    """A job row whose enqueue never happened (a crash between commit and ring) still runs."""
    with app.app_context():
        owner = db.session.scalar(sa.text("SELECT id FROM users WHERE email = 'w@example.com'"))
        row = Job(
            owner_id=owner,
            kind="wordcount",
            payload={"text": "lost ring"},
            enqueued_at=utcnow() - timedelta(minutes=5),
        )
        db.session.add(row)
        db.session.commit()
        job_id = row.id
    worker = Worker(env, tmp_path / "w.log").start()
    try:
        wait_until(lambda: job(app, job_id).status == "succeeded", 30, "sweep", worker.output())
    finally:
        worker.stop()
    assert job(app, job_id).result == {"words": 2}


def test_ready_reports_the_queue_and_its_backlog(app: Flask, auth: dict[str, str]) -> None:
    """/ready lists the queue: its backend and the tasks waiting (no worker runs here)."""
    client = app.test_client()
    submit(client, auth, "fail", {})
    body = client.get("/ready").get_json()
    assert body["checks"]["queue"]["ok"] is True
    assert body["checks"]["queue"]["backend"] == "sqlite"
    assert body["checks"]["queue"]["backlog"] >= 1


def test_redis_down_is_a_quick_503(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """With REDIS_URL pointing at nothing, /ready and a request that must enqueue (p34) answer
    503 dependency-unavailable within a few seconds, never a 500 or a hang."""
    import time

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # the discard port: refused
    application = create_app(TestingConfig())
    with application.app_context():
        flask_migrate.upgrade()
    client = application.test_client()
    started = time.monotonic()
    ready = client.get("/ready")
    reset = client.post("/p34/password-reset", json={"email": "a@example.com"})
    assert time.monotonic() - started < 10
    assert ready.status_code == 503
    assert reset.status_code == 503
    assert reset.get_json()["type"].endswith("/problems/dependency-unavailable")
