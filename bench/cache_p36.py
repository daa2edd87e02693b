r"""HIT vs MISS for p36: how much faster a cached answer is, end to end over HTTP.

    python -m bench.cache_p36                          # own server, SimpleCache (1 worker)
    python -m bench.cache_p36 --redis-url redis://127.0.0.1:6379/1   # own server, RedisCache
    python -m bench.cache_p36 --base-url http://127.0.0.1:5000       # a server you started

Starts the app with `python -m flask_track.serve` (gunicorn gthread) on 127.0.0.1 unless
--base-url is given, then for --rounds fresh values of n: one GET /p36/square/{n} (must be
X-Cache: MISS) followed by --hits GETs of the same n (must be HIT), all over one keep-alive
connection (the standard library's http.client: a thin client, so its own cost on a busy
machine does not hide the server's), timed on the client with perf_counter. Prints the median
and p95 of MISS and HIT round trips, the server's own `Server-Timing` medians, and the ratio
of the round-trip medians; exits 1 when an answer has the wrong X-Cache or that ratio is below
the target (a HIT at least 50x faster than a MISS, issue 8).
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.served import percentile, served_app

TARGET_RATIO = 50.0
APP_DUR = re.compile(r"app;dur=([0-9.]+)")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="benchmark this running server")
    parser.add_argument("--redis-url", help="start the server with this REDIS_URL")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (1)")
    parser.add_argument("--rounds", type=int, default=15, help="fresh n values, 1-200 (15)")
    parser.add_argument("--hits", type=int, default=20, help="HITs per n, 1-1000 (20)")
    args = parser.parse_args(argv)
    args.rounds = max(1, min(args.rounds, 200))
    args.hits = max(1, min(args.hits, 1000))
    return args


def timed_get(conn: http.client.HTTPConnection, path: str) -> tuple[float, float, str, bytes]:
    """One GET: client milliseconds, the server's app;dur, X-Cache, body."""
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}: {body[:200]!r}")
    found = APP_DUR.search(response.getheader("Server-Timing", ""))
    server_ms = float(found.group(1)) if found else float("nan")
    return elapsed, server_ms, response.getheader("X-Cache", ""), body


def run(base_url: str, rounds: int, hits: int) -> tuple[bool, str]:
    misses: list[float] = []
    hit_times: list[float] = []
    server: dict[str, list[float]] = {"MISS": [], "HIT": []}
    wrong: list[str] = []
    address = base_url.split("://", 1)[1].split("/", 1)[0]
    host, _, port = address.partition(":")
    conn = http.client.HTTPConnection(host, int(port or 80), timeout=10)
    try:
        backend = json.loads(timed_get(conn, "/p36/cache")[3])["backend"]
        timed_get(conn, "/p36/square/1")  # warm the connection and the worker
        for _ in range(rounds):
            n = 10**14 + secrets.randbelow(9 * 10**14)
            elapsed, server_ms, outcome, _ = timed_get(conn, f"/p36/square/{n}")
            misses.append(elapsed)
            server["MISS"].append(server_ms)
            if outcome != "MISS":
                wrong.append(f"n={n} first answer X-Cache {outcome!r}")
            for _ in range(hits):
                elapsed, server_ms, outcome, _ = timed_get(conn, f"/p36/square/{n}")
                hit_times.append(elapsed)
                server["HIT"].append(server_ms)
                if outcome != "HIT":
                    wrong.append(f"n={n} repeat X-Cache {outcome!r}")
    finally:
        conn.close()
    miss_ms, hit_ms = statistics.median(misses), statistics.median(hit_times)
    ratio = miss_ms / hit_ms
    lines = [
        f"backend: {backend}; {rounds} MISS and {len(hit_times)} HIT requests",
        "| answer | requests | median ms | p95 ms | server median ms (Server-Timing) |",
        "|---|---:|---:|---:|---:|",
        f"| MISS | {len(misses)} | {miss_ms:.2f} | {percentile(misses, 95):.2f} "
        f"| {statistics.median(server['MISS']):.2f} |",
        f"| HIT | {len(hit_times)} | {hit_ms:.2f} | {percentile(hit_times, 95):.2f} "
        f"| {statistics.median(server['HIT']):.2f} |",
        f"HIT is {ratio:.1f}x faster than MISS (median); target >= {TARGET_RATIO:.0f}x: "
        + ("PASS" if ratio >= TARGET_RATIO and not wrong else "FAIL"),
        *wrong[:10],
    ]
    return ratio >= TARGET_RATIO and not wrong, "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.base_url:
        passed, report = run(args.base_url.rstrip("/"), args.rounds, args.hits)
        print(report)
        return 0 if passed else 1
    with tempfile.TemporaryDirectory(prefix="cache-p36-") as tmp:
        extra = {"REDIS_URL": args.redis_url} if args.redis_url else {}
        server = served_app(Path(tmp), args.workers, **extra)
        try:
            server.start()
            passed, report = run(server.base_url, args.rounds, args.hits)
        finally:
            server.stop()
    print(report)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
