r"""Concurrency check for p13: many threads inserting through POST /p13/notes at once.

    python -m bench.concurrency_p13                      # SQLite, fresh file, own server
    python scripts/pg_fresh.py -- \
        python -m bench.concurrency_p13 --database-url-env FRESH_DATABASE_URL
    python -m bench.concurrency_p13 --base-url http://127.0.0.1:5000  # a server you started

Starts the app with `python -m flask_track.serve` (gunicorn, gthread, 2 workers by default)
on 127.0.0.1, runs POST /p12/setup, then THREADS threads each POST INSERTS notes whose titles
share a unique prefix. Then it checks, counts not times:
- every request answered 201 (no 5xx, no other status, no transport error);
- every 201's Location reads back (GET) the note with that title, and the ids are distinct;
- the p14 list, walked page by page, holds exactly THREADS x INSERTS notes with the prefix;
- the server log never mentions "database is locked".
Prints the counts and the elapsed time; exits 1 on any loss, error or lock message.
Bounded: at most 64 threads x 2,000 inserts, loopback only.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from contracts.harness.server import ServedApp

MAX_THREADS = 64
MAX_INSERTS = 2_000
PAGE = 100
LOCKED = re.compile(r"database is locked", re.IGNORECASE)


@dataclass
class Outcome:
    """What one thread saw."""

    created: dict[int, str] = field(default_factory=dict)  # id -> title
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: list[str] = field(default_factory=list)


def insert_many(base_url: str, prefix: str, thread: int, inserts: int) -> Outcome:
    """One thread: `inserts` POSTs over one keep-alive connection."""
    outcome = Outcome()
    with httpx.Client(base_url=base_url, timeout=httpx.Timeout(60.0, connect=5.0)) as client:
        for number in range(inserts):
            title = f"{prefix}-t{thread}-n{number}"
            try:
                response = client.post("/p13/notes", json={"title": title, "body": "load"})
            except httpx.HTTPError as error:
                outcome.transport_errors.append(f"{type(error).__name__}: {error}")
                continue
            outcome.statuses[response.status_code] += 1
            if response.status_code == 201:
                outcome.created[int(response.json()["id"])] = title
    return outcome


def listed_with_prefix(client: httpx.Client, prefix: str, expected: int) -> int:
    """Walk GET /p14/notes newest first until `expected` + a page of notes have been seen."""
    seen, offset = 0, 0
    while True:
        response = client.get("/p14/notes", params={"limit": PAGE, "offset": offset})
        response.raise_for_status()
        items = response.json()["items"]
        seen += sum(1 for item in items if item["title"].startswith(prefix + "-"))
        offset += len(items)
        # This run's notes are the newest: once past them (and one page more), stop.
        if len(items) < PAGE or offset >= expected + PAGE:
            return seen


def verify_reads(client: httpx.Client, created: dict[int, str]) -> list[str]:
    """GET every created note back; the list of mismatches."""
    problems = []
    for note_id, title in created.items():
        response = client.get(f"/p14/notes/{note_id}")
        if response.status_code != 200 or response.json().get("title") != title:
            problems.append(f"note {note_id}: {response.status_code} {response.text[:120]}")
    return problems


def run_check(base_url: str, threads: int, inserts: int) -> tuple[bool, str]:
    """The check itself, against a running server. (passed, report)."""
    prefix = "conc-" + secrets.token_hex(4)
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        setup = client.post("/p12/setup")
        if setup.status_code != 200:
            return False, f"POST /p12/setup answered {setup.status_code}: {setup.text[:200]}"
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            outcomes = list(
                pool.map(lambda t: insert_many(base_url, prefix, t, inserts), range(threads))
            )
        elapsed = time.perf_counter() - started
        statuses: Counter[int] = Counter()
        created: dict[int, str] = {}
        transport: list[str] = []
        duplicate_ids = 0
        for outcome in outcomes:
            statuses.update(outcome.statuses)
            transport.extend(outcome.transport_errors)
            duplicate_ids += len(created.keys() & outcome.created.keys())
            created.update(outcome.created)
        expected = threads * inserts
        unreadable = verify_reads(client, created)
        listed = listed_with_prefix(client, prefix, expected)
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    lines = [
        f"requests: {expected} ({threads} threads x {inserts} inserts) in {elapsed:.2f} s "
        f"= {expected / elapsed:.0f} inserts/s",
        f"statuses: {dict(sorted(statuses.items()))}",
        f"201 with distinct ids: {len(created)}; duplicate ids: {duplicate_ids}",
        f"read back by id: {len(created) - len(unreadable)}/{len(created)}",
        f"listed with prefix {prefix}: {listed}",
        f"5xx: {server_errors}; transport errors: {len(transport)}",
    ]
    lines.extend(f"  unreadable: {line}" for line in unreadable[:5])
    lines.extend(f"  transport: {line}" for line in transport[:5])
    passed = (
        statuses.get(201, 0) == expected
        and len(created) == expected
        and duplicate_ids == 0
        and not unreadable
        and listed == expected
        and server_errors == 0
        and not transport
    )
    return passed, "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.concurrency_p13",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--base-url", help="a running server on 127.0.0.1 (no server started)")
    target.add_argument("--database-url", help="DATABASE_URL for the server this starts")
    target.add_argument(
        "--database-url-env", metavar="NAME", help="read DATABASE_URL from this variable"
    )
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--inserts", type=int, default=200, help="inserts per thread")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args(argv)
    if not 1 <= args.threads <= MAX_THREADS or not 1 <= args.inserts <= MAX_INSERTS:
        parser.error(f"threads must be 1-{MAX_THREADS} and inserts 1-{MAX_INSERTS}")
    if args.base_url and urlsplit(args.base_url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("--base-url must be on 127.0.0.1: this is a load generator")
    if args.database_url_env:
        args.database_url = os.environ.get(args.database_url_env)
        if not args.database_url:
            parser.error(f"${args.database_url_env} is not set")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.base_url:
        passed, report = run_check(args.base_url.rstrip("/"), args.threads, args.inserts)
        print(report)
        print("PASS" if passed else "FAIL")
        return 0 if passed else 1
    with tempfile.TemporaryDirectory(prefix="concurrency-p13-") as tmp:
        workdir = Path(tmp)
        database_url = args.database_url or f"sqlite:///{workdir / 'concurrency.sqlite3'}"
        env = {
            "APP_ENV": "testing",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(32),
            "JWT_SECRET_KEY": secrets.token_urlsafe(48),
            "ADMIN_PASSWORD": secrets.token_urlsafe(18),
            "UPLOAD_DIR": str(workdir / "uploads"),
        }
        command = f"{sys.executable} -m flask_track.serve --workers {args.workers} --port {{port}}"
        server = ServedApp(command, workdir, env)
        try:
            server.start()
            dialect = "postgresql" if database_url.startswith("postgres") else "sqlite"
            print(f"database: {dialect}; gunicorn gthread, {args.workers} workers")
            passed, report = run_check(server.base_url, args.threads, args.inserts)
        finally:
            server.stop()
        log_path = server.log_path
        log = log_path.read_text(encoding="utf-8", errors="replace") if log_path else ""
    locked = len(LOCKED.findall(log))
    print(report)
    print(f'server log lines with "database is locked": {locked}')
    passed = passed and locked == 0
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
