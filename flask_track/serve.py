"""The one server command: apply migrations, then exec gunicorn with threaded workers.

`python -m flask_track.serve` is what the Docker image runs, what the contract harness starts
and what the README's run command uses: one command, tested everywhere.
gthread workers because WebSocket routes (Level 5) need a thread per connection.
`--with-worker` also starts the background worker (`python -m flask_track.worker`, Level 4)
as a child and stops it with the server: one command serves everything, which is what the
contract harness's `--serve` and `./run.sh` use.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import subprocess
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flask_track.serve", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "8")))
    parser.add_argument(
        "--no-migrate", action="store_true", help="skip `flask db upgrade` before serving"
    )
    parser.add_argument(
        "--with-worker",
        action="store_true",
        help="also run `python -m flask_track.worker` (the job queue) and stop it with gunicorn",
    )
    return parser.parse_args(argv)


def migrate() -> None:
    """Bring the database to the newest revision (idempotent)."""
    import flask_migrate

    from flask_track import create_app
    from flask_track.shared.admin import ensure_admin

    app = create_app()
    with app.app_context():
        flask_migrate.upgrade()
        # Once, before gunicorn forks its workers: the admin from ADMIN_EMAIL/ADMIN_PASSWORD.
        ensure_admin(app)


def serving_app(admin_ensured: bool = False) -> Flask:
    """What each gunicorn worker serves: `create_app()`, its startup objects frozen for the GC.

    Everything built at startup (modules, 50 blueprints, the OpenAPI document: ~150,000
    objects) lives as long as the worker. Left in the collector's oldest generation, each full
    collection walks all of them again while every thread of the worker waits: a pause of tens
    of milliseconds every few thousand requests. `gc.freeze()` moves them out of its reach.
    """
    from flask_track import create_app
    from flask_track.core.logging import batch_stdout
    from flask_track.shared.admin import admin_ensured_at_start

    app = create_app()
    batch_stdout()  # log lines leave in one write every 50 ms, not one per request
    if admin_ensured:  # migrate() ensured it before gunicorn started (not with --no-migrate)
        admin_ensured_at_start(app)
    gc.collect()  # startup's garbage is freed, not frozen
    gc.freeze()
    return app


def gunicorn_argv(args: argparse.Namespace) -> list[str]:
    """The gunicorn command line for these arguments."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--worker-class",
        "gthread",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--bind",
        f"{args.host}:{args.port}",
        "--graceful-timeout",
        "10",
        "--timeout",
        "60",
        # The longest request line gunicorn accepts (its default, 4094, answered the fuzzer's
        # long query strings with its own HTML 414 before the app could see them: a 7 KB
        # query deserves the app's 422 problem). Longer lines still get gunicorn's 414.
        "--limit-request-line",
        "8190",
        # gunicorn calls the factory with these literal arguments.
        f"flask_track.serve:serving_app(admin_ensured={not args.no_migrate})",
    ]


def serve_with_worker(command: list[str]) -> int:
    """Run gunicorn and the worker as children; a signal reaches both; stop both together.

    A worker that dies while the server runs is started again (after a second), so queued
    work never waits on a human.
    """
    worker_command = [sys.executable, "-m", "flask_track.worker"]
    server = subprocess.Popen(command)  # noqa: S603
    children = {"worker": subprocess.Popen(worker_command)}  # noqa: S603
    stopping = threading.Event()

    def forward(signum: int, _frame: FrameType | None) -> None:
        stopping.set()
        for child in (server, children["worker"]):
            if child.poll() is None:
                child.send_signal(signum)

    def keep_worker_alive() -> None:
        while not stopping.wait(1.0):
            if children["worker"].poll() is not None and server.poll() is None:
                print("flask_track.serve: the worker exited; starting it again", flush=True)
                children["worker"] = subprocess.Popen(worker_command)  # noqa: S603

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    threading.Thread(target=keep_worker_alive, daemon=True).start()
    code = server.wait()
    stopping.set()
    worker = children["worker"]
    if worker.poll() is None:
        worker.send_signal(signal.SIGINT)  # graceful: running tasks finish
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    return code


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not args.no_migrate:
        migrate()
    command = gunicorn_argv(args)
    if args.with_worker:
        sys.exit(serve_with_worker(command))
    os.execv(command[0], command)  # noqa: S606 - replace this process: signals reach gunicorn


if __name__ == "__main__":
    main()
