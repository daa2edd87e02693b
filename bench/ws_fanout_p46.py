r"""p46 across workers: how long after `POST /p46/increment` answered n each subscriber sees n.

    .tox/contracts/bin/python -m bench.ws_fanout_p46     # own server: 2 workers + Redis
    (any Python with flask_track and contracts/requirements.txt, e.g. the contracts tox env)
    python -m bench.ws_fanout_p46 --redis-url redis://127.0.0.1:6379/3 --increments 200
    python -m bench.ws_fanout_p46 --base-url http://127.0.0.1:5000  # a server you started

Starts `python -m flask_track.serve --workers 2` with REDIS_URL (fan-out through Redis pub/sub)
unless --base-url is given, connects --subscribers WebSockets to /p46/ws (the kernel spreads
them over the workers; `ss` shows which worker holds each, printed), then makes --increments
POSTs, each on a new connection (so they land on either worker), --gap-ms apart. For every
answered n and every subscriber: the time from the answer to the first count >= n that
subscriber received. Prints the median, p95 and max, overall and per worker; exits 1 when a
subscriber missed a value for more than 1 s (the catalog's bound) or saw a count decrease.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from websockets.sync.client import connect

from bench.served import percentile, served_app
from contracts.harness.websocket import ws_url

Connection = http.client.HTTPConnection

BOUND_S = 1.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="measure this running server")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--workers", type=int, default=2, help="the server's workers (2)")
    # Each WebSocket holds one of a worker's threads (gunicorn gthread, 8 by default), and the
    # kernel may give them all to one worker: keep enough threads free for the POSTs.
    parser.add_argument("--subscribers", type=int, default=4, help="1-12 (4)")
    parser.add_argument("--increments", type=int, default=100, help="1-2000 (100)")
    parser.add_argument("--gap-ms", type=float, default=20.0, help="pause between POSTs (20)")
    args = parser.parse_args(argv)
    args.subscribers = max(1, min(args.subscribers, 12))
    args.increments = max(1, min(args.increments, 2000))
    return args


class Subscriber(threading.Thread):
    """One WebSocket: every count it receives, with the time it arrived."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        # The context-manager form websockets asks for; run() closes it at the end.
        self.connection = connect(url, open_timeout=10).__enter__()
        self.local_port = self.connection.socket.getsockname()[1]
        self.seen: list[tuple[float, int]] = []
        self.first = json.loads(self.connection.recv(timeout=10))["value"]

    def run(self) -> None:
        try:
            for message in self.connection:
                self.seen.append((time.perf_counter(), int(json.loads(message)["value"])))
        except Exception:
            return


def holders_of(port: int) -> dict[int, str]:
    """Client port -> the server pid holding that connection (via `ss`), for the server's port."""
    try:
        out = subprocess.run(
            ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except OSError:
        return {}
    holders: dict[int, str] = {}
    for line in out.splitlines():
        fields = line.split()
        peer, found = fields[3] if len(fields) > 3 else "", re.search(r"pid=(\d+)", line)
        if found and peer.rpartition(":")[2].isdigit():
            holders[int(peer.rpartition(":")[2])] = found.group(1)
    return holders


def one_connection_per_worker(host: str, port: int, workers: int) -> dict[str, Connection]:
    """Keep-alive HTTP connections, one held by each worker (pid -> connection): the kernel
    hands a new connection to whichever worker accepts first, so open some until each has one."""
    kept: dict[str, Connection] = {}
    spare: list[Connection] = []
    for _ in range(32):
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/health")
        conn.getresponse().read()
        pid = holders_of(port).get(conn.sock.getsockname()[1], "?")
        if pid != "?" and pid not in kept:
            kept[pid] = conn
        else:
            spare.append(conn)
        if len(kept) >= workers:
            break
    for conn in spare:
        conn.close()
    return kept


def increment(conn: Connection) -> int:
    """POST /p46/increment on this connection: the value it answered."""
    conn.request("POST", "/p46/increment")
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"POST /p46/increment answered {response.status}: {body[:200]!r}")
    return int(json.loads(body)["value"])


def run(base_url: str, args: argparse.Namespace) -> tuple[bool, str]:
    host, _, port_text = base_url.split("://", 1)[1].split("/", 1)[0].partition(":")
    port = int(port_text or 80)
    subscribers = [Subscriber(ws_url(base_url, "/p46/ws")) for _ in range(args.subscribers)]
    for subscriber in subscribers:
        subscriber.start()
    holders = holders_of(port)
    sub_pid = {s.local_port: holders.get(s.local_port, "?") for s in subscribers}
    posters = one_connection_per_worker(host, port, args.workers)
    answered: list[tuple[float, int, str]] = []  # (answered at, n, pid that served the POST)
    pids = sorted(posters)
    for index in range(args.increments):
        pid = pids[index % len(pids)]  # alternate: every worker serves increments
        value = increment(posters[pid])
        answered.append((time.perf_counter(), value, pid))
        time.sleep(args.gap_ms / 1000)
    time.sleep(BOUND_S + 0.5)
    for conn in posters.values():
        conn.close()
    for subscriber in subscribers:
        subscriber.connection.close()
    waits: dict[str, list[float]] = {"same worker": [], "across workers": []}
    problems: list[str] = []
    for subscriber in subscribers:
        values = [value for _, value in subscriber.seen]
        if any(later < earlier for earlier, later in itertools.pairwise(values)):
            problems.append(f"subscriber :{subscriber.local_port} saw a count decrease")
        for answered_at, n, pid in answered:
            seen_at = next((t for t, value in subscriber.seen if value >= n), None)
            if seen_at is None:
                problems.append(f"subscriber :{subscriber.local_port} never saw {n}")
                continue
            # A count may arrive before the POST's answer does: that is no wait at all.
            wait_ms = max(0.0, seen_at - answered_at) * 1000
            path = "same worker" if sub_pid[subscriber.local_port] == pid else "across workers"
            waits[path].append(wait_ms)
            if wait_ms > BOUND_S * 1000:
                problems.append(f":{subscriber.local_port} saw {n} after {wait_ms:.0f} ms")
    every = [ms for values in waits.values() for ms in values]
    lines = [
        f"{len(subscribers)} subscribers (on worker pids {sorted(set(sub_pid.values()))}); "
        f"{len(answered)} increments {args.gap_ms:.0f} ms apart, alternating over keep-alive "
        f"connections held by worker pids {pids}",
        "| increment served by | samples | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for path, values in [*waits.items(), ("all", every)]:
        if values:
            lines.append(
                f"| {path} | {len(values)} | {statistics.median(values):.1f} "
                f"| {percentile(values, 95):.1f} | {max(values):.1f} |"
            )
    if args.workers > 1 and not waits["across workers"]:
        problems.append("no increment was served by a worker other than a subscriber's")
    lines.append(f"bound {BOUND_S:.0f} s: " + ("PASS" if every and not problems else "FAIL"))
    lines.extend(problems[:10])
    return bool(every) and not problems, "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.base_url:
        passed, report = run(args.base_url.rstrip("/"), args)
        print(report)
        return 0 if passed else 1
    with tempfile.TemporaryDirectory(prefix="ws-fanout-") as tmp:
        server = served_app(Path(tmp), args.workers, REDIS_URL=args.redis_url)
        try:
            server.start()
            passed, report = run(server.base_url, args)
        finally:
            server.stop()
    print(report)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
