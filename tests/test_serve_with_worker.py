"""`python -m flask_track.serve --with-worker`: the server command runs the worker too, starts
it again when it dies, and stops it with the server (what the contract harness relies on)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.worker_process import wait_until

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")


def children(pid: int) -> list[int]:
    """Direct child processes of `pid` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def worker_children(pid: int) -> list[int]:
    return [child for child in children(pid) if "flask_track.worker" in command_line(child)]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()


def test_serve_runs_restarts_and_stops_the_worker(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "APP_ENV": "testing",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "SMTP_PORT": "9",
    }
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "flask_track.serve", "--with-worker", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:

        def healthy() -> bool:
            try:
                return httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(healthy, 90, "the server answering /health")
        # A 7 KB query string reaches the app (gunicorn's default line limit, 4094, would
        # answer its own HTML 414): the app's 422 problem, with the request id it stamps.
        long_query = httpx.get(
            f"http://127.0.0.1:{port}/p20/items", params={"limit": ["x"] * 850}, timeout=10
        )
        assert long_query.status_code == 422, long_query.text[:300]
        assert long_query.headers["content-type"] == "application/problem+json"
        assert "x-request-id" in long_query.headers
        wait_until(lambda: len(worker_children(server.pid)) == 1, 30, "one worker child")
        first = worker_children(server.pid)[0]
        os.kill(first, signal.SIGKILL)
        wait_until(
            lambda: [w for w in worker_children(server.pid) if w != first] != [],
            30,
            "a new worker after the first died",
        )
        second = next(w for w in worker_children(server.pid) if w != first)
        everyone = [*children(server.pid), second]
        # The worker writes its log lines in batches (every 50 ms): a request answered just
        # before the stop still has its access line once the server is gone.
        last = httpx.get(
            f"http://127.0.0.1:{port}/health", headers={"X-Request-ID": "last-before-stop"}
        )
        assert last.status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    time.sleep(0.5)
    assert [pid for pid in everyone if alive(pid)] == []
    lines = (tmp_path / "serve.log").read_text(errors="replace").splitlines()
    assert [line for line in lines if '"request_id": "last-before-stop"' in line], lines[-20:]
