"""The job queue (Huey 3), shared by p33's outbox, p34's reset mails and p35's jobs.

Storage: `RedisHuey` when REDIS_URL is set (every server and worker process shares it), else
`SqliteHuey` in a file next to the SQLite database (or in the instance folder): the embedded
default also persists, so an accepted job survives a restart. The queue's name includes a hash
of the database URL, so two apps on one Redis (two test runs) never take each other's tasks.

Huey wants its instance when a task is decorated, but ours exists only once an app does. So a
task is a plain function registered by name (`@queue.task("p35.run_job")`, at import time,
no app needed); `init_app` creates the Huey and binds every registered function to it inside
an app context (`create_app` calls it after importing the concepts; anything registered later
is bound on first use). Callers enqueue by name: `queue.enqueue("p35.run_job", job_id)`.

The database row is the truth, the queue only the doorbell: concepts commit their row first,
then ring. A doorbell lost (Redis down at that moment, a crash in between) is rung again by
the *sweeps* (`@queue.sweep`), which the worker runs every WORKER_SWEEP_S seconds: they find
due rows and enqueue them again. Every task claims its row atomically, so a duplicate ring, or
two workers, never run one job or send one message twice.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from sqlalchemy.engine import make_url

from flask_track.core.dependencies import redis_errors
from flask_track.core.problems import ProblemError

if TYPE_CHECKING:  # huey itself is imported when an app first uses its queue (make_huey)
    from huey.api import Huey, TaskWrapper

log = logging.getLogger("flask_track.queue")

EXTENSION = "flask_track.queue"
HEARTBEAT_KEY = "flask_track.worker.heartbeat"
# A request that rings the doorbell answers within a few seconds when Redis is gone.
TIMEOUT_S = 2

TaskFunction = Callable[..., Any]
SweepFunction = Callable[[], int]


@dataclass
class _State:
    huey: Huey
    backend: str
    tasks: dict[str, TaskWrapper] = field(default_factory=dict)


class _Binding:
    """An app's queue, built on first use: huey (and the psycopg and redis it imports, ~15 MiB)
    stays out of a web worker until a route enqueues or /ready asks (issue 11)."""

    def __init__(self, queue: Queue, app: Flask) -> None:
        self._queue = queue
        self._app = app
        self._lock = threading.Lock()
        self._state: _State | None = None

    def state(self) -> _State:
        """The app's Huey with every task registered so far bound to it (built once)."""
        state = self._state
        if state is None:
            with self._lock:
                state = self._state
                if state is None:
                    huey, backend = make_huey(self._app)
                    state = _State(huey=huey, backend=backend)
                    for name in self._queue._functions:
                        self._queue._bind(self._app, state, name)
                    self._state = state
        return state

    @property
    def backend(self) -> str:
        """`redis` or `sqlite`."""
        return self.state().backend


def worker_id() -> str:
    """Who claimed a row: host and process id (threads of one worker share it)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _queue_name(database_url: str) -> str:
    digest = hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:12]
    return f"flask_track-{digest}"


def _sqlite_path(app: Flask, database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db_path = Path(url.database)
        return db_path.with_name(db_path.stem + ".huey.sqlite3")
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return Path(app.instance_path) / "huey.sqlite3"


def make_huey(app: Flask) -> tuple[Huey, str]:
    """The Huey for this app's settings and the name of its backend (`redis` or `sqlite`)."""
    database_url = str(app.config["SQLALCHEMY_DATABASE_URI"])
    name = _queue_name(database_url)
    redis_url = app.config.get("REDIS_URL")
    from huey import RedisHuey, SqliteHuey  # here, not at the top: see _Binding

    if redis_url:
        import redis  # here, not at the top: only a queue on Redis needs it

        pool = redis.ConnectionPool.from_url(
            redis_url, socket_timeout=TIMEOUT_S + 3, socket_connect_timeout=TIMEOUT_S
        )
        # Blocking pops (BZPOPMIN) wake a worker at once; read_timeout < socket_timeout.
        huey: Huey = RedisHuey(
            name, results=False, connection_pool=pool, blocking=True, read_timeout=1
        )
        return huey, "redis"
    path = _sqlite_path(app, database_url)
    return SqliteHuey(name, results=False, filename=str(path), timeout=TIMEOUT_S), "sqlite"


class Queue:
    """The app's Huey (the Flask extension pattern: created unbound, `init_app` binds it)."""

    def __init__(self) -> None:
        self._functions: dict[str, TaskFunction] = {}
        self._sweeps: list[SweepFunction] = []

    # ------------------------------------------------------------ registration (import time)

    def task(self, name: str) -> Callable[[TaskFunction], TaskFunction]:
        """Register a plain function as the task `name`; it runs inside an app context."""

        def decorator(function: TaskFunction) -> TaskFunction:
            if self._functions.get(name, function) is not function:
                raise RuntimeError(f"task {name!r} is registered twice")
            self._functions[name] = function
            return function

        return decorator

    def sweep(self, function: SweepFunction) -> SweepFunction:
        """Register a function the worker calls every WORKER_SWEEP_S s (returns rows rung)."""
        if function not in self._sweeps:
            self._sweeps.append(function)
        return function

    # ------------------------------------------------------------ binding (per app)

    def init_app(self, app: Flask) -> None:
        """Attach the queue: its Huey is created, and every task registered so far bound to
        it, when the app first uses it (_Binding)."""
        app.extensions[EXTENSION] = _Binding(self, app)

    def _bind(self, app: Flask, state: _State, name: str) -> TaskWrapper:
        function = self._functions[name]

        def run_in_app(*args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return function(*args, **kwargs)

        run_in_app.__name__ = function.__name__
        wrapper: TaskWrapper = state.huey.task(name=name)(run_in_app)
        state.tasks[name] = wrapper
        return wrapper

    def _state(self, app: Flask | None = None) -> _State:
        binding: _Binding = (app or current_app).extensions[EXTENSION]
        return binding.state()

    @property
    def huey(self) -> Huey:
        """The current app's Huey."""
        return self._state().huey

    @property
    def backend(self) -> str:
        """`redis` or `sqlite`."""
        return self._state().backend

    def bind_all(self, app: Flask) -> Huey:
        """Bind anything registered after init_app (the worker calls this before consuming)."""
        state = self._state(app)
        for name in self._functions:
            if name not in state.tasks:
                self._bind(app, state, name)
        return state.huey

    # ------------------------------------------------------------ use

    def enqueue(self, name: str, *args: Any, delay: float | None = None) -> None:
        """Ring the doorbell: run task `name(*args)` in a worker (after `delay` s).

        Raises ProblemError 503 dependency-unavailable when the queue's storage is down.
        """
        state = self._state()
        app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        wrapper = state.tasks.get(name) or self._bind(app, state, name)
        try:
            if delay:
                wrapper.schedule(args=args, delay=delay)
            else:
                wrapper(*args)
        except redis_errors(also=(sqlite3.Error, OSError)) as error:
            log.error("queue unavailable", extra={"fields": {"error_type": type(error).__name__}})
            raise ProblemError(
                503,
                "dependency-unavailable",
                "The job queue is unavailable; retry.",
                headers={"Retry-After": "5"},
            ) from None

    def run_sweeps(self) -> int:
        """Run every sweep once (inside an app context); how many rows they rang again."""
        total = 0
        for function in self._sweeps:
            try:
                total += function()
            except Exception:  # one failing sweep (the database away) must not stop the others
                log.exception("sweep failed", extra={"fields": {"sweep": function.__name__}})
        return total

    def beat(self) -> None:
        """The worker's heartbeat: /ready reports how long ago a worker was last seen."""
        self.huey.storage.put_data(HEARTBEAT_KEY, str(time.time()).encode("ascii"))

    def status(self) -> dict[str, Any]:
        """What /ready reports: backend, backlog and the age of the last worker heartbeat."""
        huey = self.huey
        started = time.perf_counter()
        backlog = huey.pending_count() + huey.scheduled_count()
        latency_ms = round((time.perf_counter() - started) * 1000, 2)
        raw = huey.storage.peek_data(HEARTBEAT_KEY)
        seen: float | None = None
        if isinstance(raw, bytes):
            seen = round(max(0.0, time.time() - float(raw.decode("ascii"))), 1)
        return {
            "ok": True,
            "latency_ms": latency_ms,
            "backend": self.backend,
            "backlog": backlog,
            "worker_seen_s": seen,
        }
