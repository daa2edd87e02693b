"""bench/load: a bounded Locust run against 2 workers on PostgreSQL + Redis, then a read-back.

    python bench/load/run.py                 # 50 users, 60 s: prints the figures of README
    python bench/load/run.py --quick         # 5 users, 5 s: the consistency check of tox -e faults
    python bench/load/run.py --users 20 --run-time 30s

Like the fault run, it owns its services (its own `initdb` PostgreSQL and `redis-server` on
free ports, scripts/faults.py's helpers), so it never loads or flushes a shared server; it
binds 127.0.0.1 only. It prints requests/s and p50/p95/p99 per route (Locust's CSV), the 5xx
count (from the app's access log, so a 5xx Locust did not see as one still counts), then reads
back every write that got a 2xx: each live note has its last acknowledged title, each deleted
one is 404. Exit 1 when there is any 5xx or any lost write; 0 (with SKIPPED) when initdb or
redis-server is missing and CI is not true.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from faults import PASSWORD, Postgres, Redis, find_binaries  # noqa: E402

from contracts.harness.server import ServedApp, serve_environment  # noqa: E402

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--quick", action="store_true", help="5 users, 5 s")
    args = parser.parse_args()
    if args.quick:
        args.users, args.spawn_rate, args.run_time = 5, 5, "5s"
    return args


def percentile(times: dict[str, int], share: float) -> float:
    """The response time (ms) under which `share` of the requests fell (Locust's buckets)."""
    total = sum(times.values())
    seen = 0
    for bucket, count in sorted(((float(k), v) for k, v in times.items())):
        seen += count
        if seen >= share * total:
            return bucket
    return 0.0


def print_stats(stats: list[dict], seconds: float) -> None:
    header = ("route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "locust failures")
    everything: dict[str, int] = {}
    table = []
    for entry in sorted(stats, key=lambda e: e["name"]):
        times = entry["response_times"]
        for bucket, count in times.items():
            everything[bucket] = everything.get(bucket, 0) + count
        table.append(
            (
                f"{entry['method']} {entry['name']}",
                entry["num_requests"],
                times,
                entry["num_failures"],
            )
        )
    total = sum(row[1] for row in table)
    table.append(("all routes", total, everything, sum(row[3] for row in table)))
    rows = [
        (
            name,
            str(n),
            f"{n / seconds:.1f}",
            *(f"{percentile(t, q):.0f}" for q in (0.5, 0.95, 0.99)),
            str(failures),
        )
        for name, n, t, failures in table
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def server_errors(log_path: Path) -> int:
    count = 0
    for line in log_path.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("logger") == "flask_track.access" and int(record.get("status", 0)) >= 500:
            count += 1
    return count


def read_back(base_url: str, folder: Path) -> tuple[int, int]:
    """(writes checked, writes lost) over every ledger the Locust process wrote."""
    checked = lost = 0
    with httpx.Client(base_url=base_url, timeout=10) as client:
        for path in folder.glob("ledger-*.json"):
            for ledger in json.loads(path.read_text()):
                for note_id, title in ledger["live"].items():
                    checked += 1
                    response = client.get(f"/p14/notes/{note_id}")
                    if response.status_code != 200 or response.json().get("title") != title:
                        lost += 1
                        print(f"load: LOST note {note_id}: {response.status_code} {title!r}")
                for note_id in ledger["deleted"]:
                    checked += 1
                    if client.get(f"/p14/notes/{note_id}").status_code != 404:
                        lost += 1
                        print(f"load: note {note_id} was deleted (204) but still reads back")
    return checked, lost


def main() -> int:
    args = parse_args()
    redis_server, pg_bin = find_binaries()
    if redis_server is None or pg_bin is None:
        message = "redis-server or initdb not found"
        if os.environ.get("CI") == "true":
            print(f"load: FAILED: CI=true and {message}")
            return 1
        print(f"load: SKIPPED: {message}")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="flask-track-load-"))
    redis, postgres = Redis(redis_server, folder), Postgres(pg_bin, folder)
    served: ServedApp | None = None
    try:
        redis.up()
        postgres.init()
        env = serve_environment(folder, 1, "admin@example.com", PASSWORD, "")
        env.update(DATABASE_URL=postgres.url, REDIS_URL=redis.url, CORS_ORIGINS="")
        served = ServedApp(
            f"{sys.executable} -m flask_track.serve --workers 2 --port {{port}}", folder, env
        )
        served.start()
        httpx.post(f"{served.base_url}/p12/setup", timeout=10).raise_for_status()
        print(f"load: {args.users} users for {args.run_time} on {served.base_url} (2 workers)")
        seconds = float(args.run_time.rstrip("s"))
        locust_log = folder / "locust.log"
        with locust_log.open("w") as log:
            done = subprocess.run(
                [
                    *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"),
                    *("--host", served.base_url, "--users", str(args.users)),
                    *("--spawn-rate", str(args.spawn_rate), "--run-time", args.run_time),
                    # Let each user finish its task at the end: a request killed after the
                    # server acted but before the answer was read would look like a lost write.
                    *("--stop-timeout", "10"),
                    *("--json", "--only-summary", "--loglevel", "WARNING"),
                ],
                env={**os.environ, "LOAD_LEDGER_DIR": str(folder)},
                check=False,  # Locust exits 1 on any failed request; we judge 5xx and lost
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                timeout=600,
            )
        try:
            stats = json.loads(done.stdout)
        except ValueError:
            print(f"load: Locust printed no stats:\n{locust_log.read_text()[-3000:]}")
            return 1
        print_stats(stats, seconds)
        assert served.log_path is not None
        errors = server_errors(served.log_path)
        checked, lost = read_back(served.base_url, folder)
        print(f"load: 5xx answers: {errors}, writes read back: {checked}, lost: {lost}")
        return 1 if errors or lost or not checked else 0
    finally:
        if served:
            served.stop()
        redis.down()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
