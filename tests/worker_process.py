"""Real worker processes for the background-work tests (p33-p35): start, stop, kill.

Not a test module. A worker is `python -m flask_track.worker` with the environment of the
test's app (the same SQLite file, hence the same Huey file next to it), exactly as
`flask_track.serve --with-worker` or the compose file run it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import flask_migrate
from flask import Flask

from flask_track import create_app
from flask_track.config import TestingConfig


class Worker:
    """One `python -m flask_track.worker` process; output in `log`."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Worker:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "flask_track.worker", "--threads", "2"],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self, sig: int = signal.SIGINT) -> None:
        """Stop it (SIGINT: graceful) and wait; SIGKILL after 15 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]


def wait_until(check: Callable[[], bool], timeout: float, what: str, log: str = "") -> None:
    """Poll `check` every 0.1 s until true; fail after `timeout` s with the worker's log."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout}s\n{log}")
        time.sleep(0.1)


def migrated_app(env: dict[str, str]) -> Flask:
    """The test's app, on the environment its worker processes get too, migrated."""
    application = create_app(TestingConfig())
    with application.app_context():
        flask_migrate.upgrade()
    return application


def signed_up(app: Flask, email: str, password: str) -> dict[str, str]:
    """Sign `email` up through the API; the Authorization header of its access token."""
    client = app.test_client()
    assert (
        client.post("/p22/signup", json={"email": email, "password": password}).status_code == 201
    )
    token = client.post("/p24/token", json={"email": email, "password": password})
    return {"Authorization": f"Bearer {token.get_json()['access_token']}"}
