"""The worker process: `python -m flask_track.worker` runs the app's queue (p33, p34, p35).

It builds the app exactly as the server does (same environment interface, same Huey
storage: Redis with REDIS_URL, else the SQLite file next to the database), binds every
registered task, and runs Huey's consumer with a few threads. A side thread beats a heartbeat
(read by /ready) and runs the sweeps every WORKER_SWEEP_S seconds: they ring due outbox rows
and jobs whose doorbell was lost, and hand back jobs claimed by a worker that died.

SIGINT stops gracefully (running tasks finish), SIGTERM at once; either way nothing queued is
lost, since every row is claimed atomically and a dead claim expires.
"""

from __future__ import annotations

import argparse
import logging
import os
import threading

from flask import Flask

log = logging.getLogger("flask_track.worker")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flask_track.worker", description=__doc__)
    parser.add_argument(
        "--threads", type=int, default=int(os.environ.get("WORKER_THREADS", "2")), help="tasks"
    )
    return parser.parse_args(argv)


def sweeper(app: Flask, stop: threading.Event) -> None:
    """Heartbeat and sweeps until `stop` is set (errors are logged, never fatal)."""
    from flask_track.extensions import queue

    interval = float(app.config["WORKER_SWEEP_S"])
    while not stop.is_set():
        with app.app_context():
            try:
                queue.beat()
                rung = queue.run_sweeps()
                if rung:
                    log.info("sweep", extra={"fields": {"rung": rung}})
            except Exception:
                log.exception("sweep loop failed")
        stop.wait(interval)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    from flask_track import create_app
    from flask_track.extensions import queue

    app = create_app()
    huey = queue.bind_all(app)
    stop = threading.Event()
    thread = threading.Thread(target=sweeper, args=(app, stop), name="sweeper", daemon=True)
    thread.start()
    consumer = huey.create_consumer(
        workers=max(1, args.threads),
        worker_type="thread",
        periodic=False,  # our sweeps run at second resolution; Huey's periodic is per minute
        initial_delay=0.05,
        max_delay=0.5,  # an idle SQLite queue is polled at most every 0.5 s
        backoff=1.5,
        check_worker_health=True,
    )
    log.info(
        "worker started",
        extra={
            "fields": {
                "backend": app.extensions["flask_track.queue"].backend,
                "threads": args.threads,
                "pid": os.getpid(),
            }
        },
    )
    try:
        consumer.run()
    finally:
        stop.set()


if __name__ == "__main__":
    main()
