"""Speed side by side: a fixed set of routes, loaded A then B, round after round.

Each route needs some concepts (listed by `GET /concepts`) and some preparation (the p12
table, a user and a token); a route a side does not list is skipped with a note. The
machine's noise falls on both sides because each round loads A then B on every route.
"""

from __future__ import annotations

import secrets
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from contracts.compare.load import Load, LoadError, Measurement, Shot, run_wrk

PASSWORD = "compare-Passw0rd-long-enough"


class PrepareError(RuntimeError):
    """A route's preparation was refused by a side."""


def _expect(response: httpx.Response, *statuses: int) -> httpx.Response:
    if response.status_code not in statuses:
        raise PrepareError(
            f"{response.request.method} {response.request.url.path} answered "
            f"{response.status_code}, expected {statuses}: {response.text[:200]}"
        )
    return response


def _notes_table(client: httpx.Client) -> None:
    _expect(client.post("/p12/setup"), 200, 201)


def _p14(client: httpx.Client) -> Shot:
    _notes_table(client)
    for n in range(5):
        _expect(client.post("/p13/notes", json={"title": f"compare read {n}"}), 201)
    return Shot("GET", "/p14/notes")


def _p13(client: httpx.Client) -> Shot:
    _notes_table(client)
    body = '{"title": "compare write", "body": "load"}'
    return Shot("POST", "/p13/notes", 201, body, {"Content-Type": "application/json"})


def _p26(client: httpx.Client) -> Shot:
    email = f"compare-{secrets.token_hex(4)}@example.com"
    _expect(client.post("/p22/signup", json={"email": email, "password": PASSWORD}), 201)
    token = _expect(
        client.post("/p24/token", json={"email": email, "password": PASSWORD}), 200
    ).json()["access_token"]
    return Shot("GET", "/p26/me", 200, headers={"Authorization": f"Bearer {token}"})


def _p36(client: httpx.Client) -> Shot:
    n = secrets.randbelow(10**6) + 1000
    _expect(client.get(f"/p36/square/{n}", timeout=30), 200)  # the slow MISS, once
    return Shot("GET", f"/p36/square/{n}")


@dataclass(frozen=True)
class Route:
    """One measured route: its name, the concepts it needs, how to prepare it."""

    name: str
    needs: tuple[str, ...]
    prepare: Callable[[httpx.Client], Shot]
    websocket: bool = False


ROUTES: tuple[Route, ...] = (
    Route("GET /health", (), lambda _c: Shot("GET", "/health")),
    Route("GET /p02/quotes", ("p02",), lambda _c: Shot("GET", "/p02/quotes")),
    Route("GET /p14/notes", ("p12", "p13", "p14"), _p14),
    Route("POST /p13/notes", ("p12", "p13"), _p13),
    Route("GET /p26/me", ("p22", "p24", "p26"), _p26),
    Route("GET /p36/square/{n} (cached)", ("p36",), _p36),
    Route("WS /p45/ws echo", ("p45",), lambda _c: Shot("GET", "/p45/ws"), websocket=True),
)


def listed(base_url: str) -> set[str]:
    """The concept ids a side lists in GET /concepts."""
    response = httpx.get(f"{base_url}/concepts", timeout=10)
    response.raise_for_status()
    return {str(c["id"]) for c in response.json()["concepts"]}


def ws_echo(base_url: str, load: Load) -> Measurement:
    """p45 round trips: `connections` clients, each sends text and waits for its echo."""
    from websockets.sync.client import connect  # the suite's own dependency

    url = "ws" + base_url.removeprefix("http") + "/p45/ws"
    per_client = max(1, load.max_requests // load.connections)
    deadline = time.monotonic() + load.duration_s
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client() -> None:
        mine: list[float] = []
        try:
            with connect(url, open_timeout=10, close_timeout=2) as ws:
                ws.recv(timeout=10)  # the greeting
                while len(mine) < per_client and time.monotonic() < deadline:
                    started = time.perf_counter()
                    ws.send("compare")
                    ws.recv(timeout=10)
                    mine.append(time.perf_counter() - started)
        except Exception:  # a refused or dropped connection counts as an error, not a crash
            with lock:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(load.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(load.duration_s + 30)
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]
    return Measurement(
        requests=len(latencies),
        duration_s=elapsed,
        unexpected_status=0,
        socket_errors=errors[0],
        p50_ms=ordered[len(ordered) // 2] * 1000,
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        capped=len(latencies) >= per_client * load.connections,
    )


def _summary(runs: list[Measurement]) -> dict[str, Any]:
    return {
        "rps": round(statistics.median(m.rps for m in runs), 1),
        "p50_ms": round(statistics.median(m.p50_ms for m in runs), 2),
        "p99_ms": round(statistics.median(m.p99_ms for m in runs), 2),
        "requests": sum(m.requests for m in runs),
        "unexpected_status": sum(m.unexpected_status for m in runs),
        "socket_errors": sum(m.socket_errors for m in runs),
        "capped": any(m.capped for m in runs),
    }


def measure(
    base_a: str, base_b: str, load: Load, rounds: int, workdir: Path, say: Callable[[str], None]
) -> dict[str, Any]:
    """Prepare every route on both sides, then `rounds` rounds of A then B per route."""
    concepts = {"a": listed(base_a), "b": listed(base_b)}
    bases = {"a": base_a, "b": base_b}
    plan: list[tuple[Route, dict[str, Shot]]] = []
    results: list[dict[str, Any]] = []
    for route in ROUTES:
        missing = {side: [c for c in route.needs if c not in concepts[side]] for side in bases}
        entry: dict[str, Any] = {"route": route.name, "status": "skipped"}
        if missing["a"] or missing["b"]:
            entry["note"] = "not listed in GET /concepts: " + "; ".join(
                f"{side.upper()} lacks {', '.join(ids)}" for side, ids in missing.items() if ids
            )
            results.append(entry)
            continue
        try:
            shots = {}
            for side, base in bases.items():
                with httpx.Client(base_url=base, timeout=15) as client:
                    shots[side] = route.prepare(client)
        except (PrepareError, httpx.HTTPError, KeyError, ValueError) as error:
            entry["note"] = f"preparation failed on {side.upper()}: {error}"
            results.append(entry)
            continue
        results.append(entry)
        plan.append((route, shots))

    runs: dict[str, dict[str, list[Measurement]]] = {r.name: {"a": [], "b": []} for r, _ in plan}
    for number in range(1, rounds + 1):
        for route, shots in plan:
            for side in ("a", "b"):
                if route.websocket:
                    m = ws_echo(bases[side], load)
                else:
                    m = run_wrk(bases[side], shots[side], load, workdir)
                runs[route.name][side].append(m)
            a, b = runs[route.name]["a"][-1], runs[route.name]["b"][-1]
            ratio = b.rps / a.rps if a.rps else 0.0
            say(f"round {number} {route.name}: A {a.rps:.0f} req/s, B {b.rps:.0f}, B/A {ratio:.2f}")

    for entry in results:
        if entry["route"] not in runs:
            continue
        both = runs[entry["route"]]
        ratios = [
            b.rps / a.rps if a.rps else 0.0 for a, b in zip(both["a"], both["b"], strict=False)
        ]
        entry.update(
            status="measured",
            a=_summary(both["a"]),
            b=_summary(both["b"]),
            ratio_median=round(statistics.median(ratios), 3),
            ratio_min=round(min(ratios), 3),
            ratio_max=round(max(ratios), 3),
            rounds=[
                {"a_rps": round(a.rps, 1), "b_rps": round(b.rps, 1), "ratio": round(r, 3)}
                for a, b, r in zip(both["a"], both["b"], ratios, strict=False)
            ],
        )
    return {
        "load": {
            "generator": "wrk (WebSocket: Python clients)",
            "threads": load.threads,
            "connections": load.connections,
            "duration_s": load.duration_s,
            "max_requests": load.max_requests,
            "rounds": rounds,
        },
        "routes": results,
    }


__all__ = ["ROUTES", "LoadError", "measure"]
