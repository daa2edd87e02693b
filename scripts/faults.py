"""The fault run (`tox -e faults`): break each service the app needs and prove nothing is lost.

    python scripts/faults.py            # owns its services; SKIPS when initdb/redis-server miss
    CI=true python scripts/faults.py    # the same, but a missing binary is a failure

The run owns everything it breaks: its own PostgreSQL (`initdb`/`pg_ctl` in a temporary
folder, on a free port; as the `postgres` user when run as root), its own `redis-server` and
its own SMTP sink, and the app with two gunicorn workers (`python -m flask_track.serve`).
Then, one service at a time:

- down: requests that need it must answer 503 dependency-unavailable problem+json within 5 s
  (never a 500, never a hang); `/ready` 503 naming it; `/health` 200; requests that do not
  need it keep working (their writes go to the ledger);
- up again: the app recovers by itself (time measured), and every write that got a 2xx is
  read back (lost must be 0).

A web worker SIGKILLed mid-request is replaced, the other kept answering, and no row is left
half-written. SMTP: p33 keeps accepting mail while the sink is down (202, queued in the
outbox) and, once it is back, the job worker delivers every message exactly once; nothing
else depends on SMTP. The job worker (`serve --with-worker` runs it) SIGKILLed with p35 jobs
accepted is restarted, and every accepted job finishes. Exit status: 0 all green (or skipped),
1 a check failed.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import glob
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from contracts.harness.server import ServedApp, free_port, serve_environment  # noqa: E402
from contracts.harness.smtp_sink import SmtpSink  # noqa: E402

ANSWER_WITHIN_S = 5.0
RECOVER_WITHIN_S = 30.0
PASSWORD = "fault-run-password-" + secrets.token_hex(4)


def say(text: str) -> None:
    print(f"faults: {text}", flush=True)


# ---------------------------------------------------------------- services the run owns


def wait_port(port: int, timeout: float = 15.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


class Redis:
    def __init__(self, binary: str, folder: Path) -> None:
        self.binary, self.folder, self.port = binary, folder, free_port()
        self.process: subprocess.Popen | None = None

    def up(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_port(self.port)

    def down(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()  # a crash, not a clean shutdown
            self.process.wait(timeout=5)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


class Postgres:
    def __init__(self, bindir: Path, folder: Path) -> None:
        self.bindir, self.port = bindir, free_port()
        self.folder = folder / "pg"
        self.as_postgres = os.geteuid() == 0  # root may not run initdb: use the postgres user
        self.folder.mkdir()
        if self.as_postgres:
            shutil.chown(folder, "postgres")
            shutil.chown(self.folder, "postgres")

    def _run(self, *argv: str) -> None:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)  # noqa: S603
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.folder), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.up()
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE faults")

    def up(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = f"{self.folder}.log"
        self._run("pg_ctl", "-D", str(self.folder), "-o", options, "-l", log, "-w", "start")
        wait_port(self.port)

    def down(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.down()

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/faults"


class Smtp:
    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder / "mail", free_port()
        self.sink: SmtpSink | None = None

    def up(self) -> None:
        self.sink = SmtpSink(self.folder, self.port)
        self.sink.start()

    def down(self) -> None:
        if self.sink:
            self.sink.stop()
            self.sink = None

    def messages(self) -> list[Any]:
        """Every message the sink received, across its restarts (one folder)."""
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(self.folder.glob("*.eml"))
        ]


# ---------------------------------------------------------------- the app's side


@dataclass
class Ledger:
    """Every write that got a 2xx: note id -> the title the server accepted."""

    notes: dict[int, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, note_id: int, title: str) -> None:
        with self.lock:
            self.notes[note_id] = title

    def lost(self, client: httpx.Client) -> int:
        missing = 0
        for note_id, title in sorted(self.notes.items()):
            response = client.get(f"/p14/notes/{note_id}")
            if response.status_code != 200 or response.json().get("title") != title:
                missing += 1
                say(f"LOST note {note_id}: {response.status_code} {response.text[:200]}")
        return missing


@dataclass
class Probe:
    """One kind of request: how to send it and which statuses are right."""

    name: str
    send: Callable[[httpx.Client], httpx.Response]
    expect: set[int]
    slug: str | None = None  # the problem type expected for a 503


@dataclass
class Result:
    service: str
    fault: str
    sent: int = 0
    statuses: Counter = field(default_factory=Counter)
    lost: int = 0
    recovery_s: float | None = None
    failures: list[str] = field(default_factory=list)


def timed(client: httpx.Client, probe: Probe, result: Result) -> None:
    """Send one probe; record its status and any broken rule."""
    result.sent += 1
    started = time.monotonic()
    try:
        response = probe.send(client)
    except httpx.HTTPError as error:
        result.statuses[type(error).__name__] += 1
        result.failures.append(f"{probe.name}: {type(error).__name__}: {error}")
        return
    took = time.monotonic() - started
    result.statuses[response.status_code] += 1
    if took > ANSWER_WITHIN_S:
        result.failures.append(f"{probe.name}: answered after {took:.1f} s")
    if response.status_code not in probe.expect:
        result.failures.append(
            f"{probe.name}: {response.status_code} (expected {sorted(probe.expect)}) "
            f"{response.text[:200]}"
        )
    elif response.status_code == 503:
        body = response.json()
        if response.headers.get("content-type", "").split(";")[0] != "application/problem+json":
            result.failures.append(f"{probe.name}: 503 without problem+json")
        elif not str(body.get("type", "")).endswith("/dependency-unavailable"):
            result.failures.append(f"{probe.name}: 503 of type {body.get('type')}")
        elif probe.slug and probe.slug not in response.text:
            result.failures.append(f"{probe.name}: 503 does not name {probe.slug}: {body}")


class App:
    """Helpers around the served app: accounts, notes, the ledger."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.client = httpx.Client(base_url=base_url, timeout=ANSWER_WITHIN_S + 5)
        self.ledger = Ledger()
        self.counter = 0
        self.lock = threading.Lock()

    def fresh(self) -> str:
        with self.lock:
            self.counter += 1
            return f"{secrets.token_hex(3)}-{self.counter}"

    def sign_up(self) -> tuple[str, str]:
        """A new account and an access token for it."""
        email = f"fault-{self.fresh()}@example.com"
        response = self.client.post("/p22/signup", json={"email": email, "password": PASSWORD})
        response.raise_for_status()
        token = self.client.post("/p24/token", json={"email": email, "password": PASSWORD})
        token.raise_for_status()
        return email, token.json()["access_token"]

    def create_note(self, client: httpx.Client) -> httpx.Response:
        title = f"note {self.fresh()}"
        response = client.post("/p13/notes", json={"title": title, "body": "fault run"})
        if response.status_code == 201:
            self.ledger.add(response.json()["id"], title)
        return response


def run_fault(
    app: App,
    service: str,
    fault: str,
    down: Callable[[], None],
    up: Callable[[], None],
    needs: list[Probe],
    independent: list[Probe],
    recovered: Callable[[], bool],
    rounds: int = 5,
) -> Result:
    """Take a service down, probe, bring it back, time the recovery, count lost writes."""
    result = Result(service, fault)
    ready = Probe("/ready", lambda c: c.get("/ready"), {503}, slug=service)
    health = Probe("/health", lambda c: c.get("/health"), {200})
    down()
    say(f"{service}: {fault}")
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(rounds):
            probes = [*needs, *independent, health] + ([ready] if service != "smtp" else [])
            list(
                pool.map(
                    lambda p: timed(
                        httpx.Client(base_url=app.base_url, timeout=ANSWER_WITHIN_S + 5), p, result
                    ),
                    probes,
                )
            )
    if service == "smtp":  # nothing depends on SMTP yet: /ready must stay 200
        timed(app.client, Probe("/ready", lambda c: c.get("/ready"), {200}), result)
    up()
    started = time.monotonic()
    while not recovered():
        if time.monotonic() - started > RECOVER_WITHIN_S:
            result.failures.append(f"no recovery within {RECOVER_WITHIN_S:.0f} s")
            break
        time.sleep(0.1)
    result.recovery_s = time.monotonic() - started
    ready_after = app.client.get("/ready")
    if ready_after.status_code != 200:
        result.failures.append(f"/ready after recovery: {ready_after.status_code}")
    result.lost = app.ledger.lost(app.client)
    return result


def worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()} if children.exists() else set()


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, parents before children."""
    found, queue = [], [pid]
    while queue:
        children = sorted(worker_pids(queue.pop(0)))
        found += children
        queue += children
    return found


def find_process(root: int, marker: bytes) -> int:
    """The first process at or below `root` whose command line contains `marker`."""
    for pid in [root, *descendants(root)]:
        try:
            if marker in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except FileNotFoundError:
            continue
    raise RuntimeError(f"no process with {marker!r} below {root}")


def gunicorn_master(shell_pid: int) -> int:
    """The gunicorn master: a child of `flask_track.serve --with-worker`, under the shell."""
    return find_process(shell_pid, b"gunicorn")


def kill_worker(app: App, master: int, postgres_url: str) -> Result:
    """SIGKILL one worker while writes are in flight on both."""
    result = Result("worker", "SIGKILL mid-request")
    before = worker_pids(master)
    victim = min(before)
    stop = threading.Event()
    after_kill: Counter = Counter()
    killed_at = [0.0]

    def writer() -> None:
        with httpx.Client(base_url=app.base_url, timeout=ANSWER_WITHIN_S + 5) as client:
            while not stop.is_set():
                result.sent += 1
                try:
                    status: int | str = app.create_note(client).status_code
                except httpx.HTTPError as error:
                    status = type(error).__name__  # the killed worker's in-flight requests
                result.statuses[status] += 1
                # Answered within 0.3 s of the kill: the replacement is still importing the
                # app then, so this came from the worker that was not killed.
                if killed_at[0] and status == 201 and time.monotonic() - killed_at[0] < 0.3:
                    after_kill[status] += 1

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    os.kill(victim, signal.SIGKILL)
    killed_at[0] = time.monotonic()
    say(f"worker: SIGKILL {victim} mid-request")
    started = time.monotonic()
    while True:
        now = worker_pids(master)
        if len(now) == len(before) and victim not in now:
            break
        if time.monotonic() - started > RECOVER_WITHIN_S:
            result.failures.append("the killed worker was not replaced")
            break
        time.sleep(0.05)
    result.recovery_s = time.monotonic() - started
    time.sleep(1.0)
    stop.set()
    for thread in threads:
        thread.join()
    if not after_kill[201]:
        result.failures.append("no write answered right after the kill: the other worker stopped")
    server_errors = sum(n for s, n in result.statuses.items() if isinstance(s, int) and s >= 500)
    if server_errors:
        result.failures.append(f"{server_errors} answers 5xx")
    # No half-written row: read the table itself (white-box; the run owns this database).
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        total, broken = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE title NOT LIKE 'note %%'"
            " OR body IS DISTINCT FROM 'fault run') FROM notes"
        ).fetchone()
    if broken:
        result.failures.append(f"{broken} of {total} notes rows half-written")
    if total < len(app.ledger.notes):
        result.failures.append(f"{total} rows for {len(app.ledger.notes)} acknowledged writes")
    result.lost = app.ledger.lost(app.client)
    return result


# ---------------------------------------------------------------- the run


def find_binaries() -> tuple[str | None, Path | None]:
    redis_server = shutil.which("redis-server")
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = shutil.which("initdb") or (initdbs[-1] if initdbs else None)
    return redis_server, Path(initdb).parent if initdb else None


def print_table(results: list[Result]) -> None:
    header = ("service", "fault", "sent", "answers by status", "lost", "recovery", "ok")
    rows = [
        (
            r.service,
            r.fault,
            str(r.sent),
            ", ".join(f"{s}: {n}" for s, n in sorted(r.statuses.items(), key=str)),
            str(r.lost),
            "-" if r.recovery_s is None else f"{r.recovery_s:.2f} s",
            "yes" if not r.failures and not r.lost else "NO",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def main() -> int:
    redis_server, pg_bin = find_binaries()
    missing = [
        name
        for name, found in (("redis-server", redis_server), ("initdb", pg_bin))
        if found is None
    ]
    if missing:
        message = f"{' and '.join(missing)} not found (apt-get install redis-server postgresql)"
        if os.environ.get("CI") == "true":
            say(f"FAILED: CI=true and {message}")
            return 1
        say(f"SKIPPED: {message}")
        return 0
    assert redis_server and pg_bin
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="flask-track-faults-"))
    redis, postgres, smtp = Redis(redis_server, folder), Postgres(pg_bin, folder), Smtp(folder)
    served: ServedApp | None = None
    try:
        redis.up()
        postgres.init()
        smtp.up()
        env = serve_environment(folder, smtp.port, "admin@example.com", PASSWORD, "")
        env.update(DATABASE_URL=postgres.url, REDIS_URL=redis.url, CORS_ORIGINS="")
        served = ServedApp(
            f"{sys.executable} -m flask_track.serve --with-worker --workers 2 --port {{port}}",
            folder,
            env,
        )
        served.start()
        say(
            f"app on {served.base_url} (2 workers), PostgreSQL :{postgres.port}, "
            f"Redis :{redis.port}, SMTP :{smtp.port}"
        )
        app = App(served.base_url)
        results = scenarios(app, redis, postgres, smtp, served)
        print()
        print_table(results)
        failed = [r for r in results if r.failures or r.lost]
        for result in failed:
            for failure in result.failures[:10]:
                say(f"FAIL {result.service}/{result.fault}: {failure}")
        say(f"wall time {time.monotonic() - started:.1f} s")
        return 1 if failed else 0
    finally:
        if served:
            served.stop()
        smtp.down()
        redis.down()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def scenarios(app: App, redis: Redis, postgres: Postgres, smtp: Smtp, served: ServedApp) -> list:
    app.client.post("/p12/setup").raise_for_status()  # the notes table p13-p16 use
    email, token = app.sign_up()
    for _ in range(5):
        app.create_note(app.client).raise_for_status()

    def bearer(path: str) -> Callable[[httpx.Client], httpx.Response]:
        return lambda c: c.get(path, headers={"Authorization": f"Bearer {token}"})

    echo = Probe("POST /p03/echo", lambda c: c.post("/p03/echo", json=[1]), {200})
    write = Probe("POST /p13/notes", app.create_note, {201})
    read = Probe("GET /p14/notes", lambda c: c.get("/p14/notes"), {200})
    results = []

    # Redis: the login throttle (p23) and the token blocklist (p29) need it; notes do not.
    login = Probe(
        "POST /p23/login",
        lambda c: c.post("/p23/login", json={"email": email, "password": PASSWORD}),
        {503},
    )
    me = Probe("GET /p26/me", bearer("/p26/me"), {503})
    results.append(
        run_fault(
            app,
            "redis",
            "process killed",
            redis.down,
            redis.up,
            [login, me],
            [echo, write, read],
            lambda: (
                app.client.post(
                    "/p23/login", json={"email": email, "password": PASSWORD}
                ).status_code
                == 200
            ),
        )
    )

    # PostgreSQL: every database route needs it; echo (p03) does not.
    db_probes = [
        Probe("POST /p13/notes", app.create_note, {503}),
        Probe("GET /p14/notes", lambda c: c.get("/p14/notes"), {503}),
        Probe("GET /p17/books", lambda c: c.get("/p17/books"), {503}),
        Probe(
            "POST /p22/signup",
            lambda c: c.post(
                "/p22/signup", json={"email": f"x-{app.fresh()}@example.com", "password": PASSWORD}
            ),
            {503},
        ),
        Probe("GET /p26/me", bearer("/p26/me"), {503}),
    ]
    results.append(
        run_fault(
            app,
            "database",
            "immediate shutdown",
            postgres.down,
            postgres.up,
            db_probes,
            [echo, Probe("GET /p01/health", lambda c: c.get("/p01/health"), {200})],
            lambda: app.client.get("/p14/notes").status_code == 200,
        )
    )

    # SMTP: p33's outbox accepts mail while the sink is down (202, the message queued) and
    # the worker delivers each one exactly once when the sink is back; nothing else needs it.
    queued: list[tuple[int, str]] = []

    def send_mail(c: httpx.Client) -> httpx.Response:
        subject = f"fault run {app.fresh()}"
        response = c.post(
            "/p33/emails",
            json={"to": "someone@example.com", "subject": subject, "text": "queued while down"},
            headers={"Authorization": f"Bearer {token}"},
        )
        if response.status_code == 202:
            queued.append((response.json()["id"], subject))
        return response

    def all_sent() -> bool:
        statuses = [
            app.client.get(f"/p33/emails/{i}", headers={"Authorization": f"Bearer {token}"})
            .json()
            .get("status")
            for i, _subject in queued
        ]
        return bool(queued) and all(status == "sent" for status in statuses)

    smtp_result = run_fault(
        app,
        "smtp",
        "sink stopped",
        smtp.down,
        smtp.up,
        [Probe("POST /p33/emails", send_mail, {202})],
        [
            echo,
            write,
            read,
            Probe(
                "POST /p23/login",
                lambda c: c.post("/p23/login", json={"email": email, "password": PASSWORD}),
                {200},
            ),
        ],
        all_sent,
    )
    # Exactly once: each queued subject arrived in the sink one time.
    arrived = Counter(message.get("Subject") for message in smtp.messages())
    for _message_id, subject in queued:
        if arrived[subject] != 1:
            smtp_result.failures.append(f"{subject!r} arrived {arrived[subject]} times, not once")
    smtp_result.lost = sum(1 for _i, subject in queued if arrived[subject] == 0)
    results.append(smtp_result)

    assert served.process is not None
    results.append(kill_worker(app, gunicorn_master(served.process.pid), postgres.url))
    results.append(kill_job_worker(app, token, served.process.pid))
    return results


def kill_job_worker(app: App, token: str, shell_pid: int) -> Result:
    """SIGKILL the job worker while p35 jobs run: it is restarted, every accepted job finishes."""
    result = Result("job worker", "SIGKILL mid-job")
    headers = {"Authorization": f"Bearer {token}"}
    accepted: list[int] = []
    for n in range(8):
        response = app.client.post(
            "/p35/jobs",
            json={"kind": "sleep", "payload": {"seconds": 0.5}}
            if n % 2
            else {"kind": "wordcount", "payload": {"text": f"one two {n}"}},
            headers=headers,
        )
        result.sent += 1
        result.statuses[response.status_code] += 1
        if response.status_code == 202:
            accepted.append(int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]))
        else:
            result.failures.append(f"POST /p35/jobs: {response.status_code}, not 202")
    victim = find_process(shell_pid, b"flask_track.worker")
    os.kill(victim, signal.SIGKILL)
    say(f"job worker: SIGKILL {victim} with {len(accepted)} jobs accepted")
    started = time.monotonic()
    pending = set(accepted)
    while pending and time.monotonic() - started < 60:
        for job_id in list(pending):
            status = app.client.get(f"/p35/jobs/{job_id}", headers=headers).json().get("status")
            if status in ("succeeded", "failed"):
                pending.discard(job_id)
                result.statuses[f"job {status}"] += 1
        time.sleep(0.2)
    result.recovery_s = time.monotonic() - started
    result.lost = len(pending)
    if pending:
        result.failures.append(f"jobs never finished after the kill: {sorted(pending)}")
    return result


if __name__ == "__main__":
    sys.exit(main())
