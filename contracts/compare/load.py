"""wrk, driven from Python: one route, bounded by time and by a request count, JSON back.

wrk (Debian's `wrk` package) is a C load generator: on a 2-core machine it leaves the server
far more CPU than a Python load generator would. `contracts/compare/wrk.lua` counts answers
with an unexpected status, stops each thread at its share of the request cap, and prints one
`WRK_JSON {...}` line that `run_wrk` parses.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SCRIPT = Path(__file__).with_name("wrk.lua")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
INSTALL_HINT = (
    "the load generator wrk is missing: install Debian's package (as root: "
    "apt-get install -y wrk; scripts/lib.sh ensure_wrk does it) or run with --no-speed"
)


class LoadError(RuntimeError):
    """The load generator is missing, refused the target, or printed nothing usable."""


@dataclass(frozen=True)
class Load:
    """How hard and how long: wrk's threads and connections, seconds, and a request cap."""

    threads: int = 2
    connections: int = 16
    duration_s: float = 5.0
    max_requests: int = 200_000


@dataclass(frozen=True)
class Shot:
    """One request shape: method, path, body, headers, and the status every answer must have."""

    method: str
    path: str
    expect: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Measurement:
    """What one wrk run saw."""

    requests: int
    duration_s: float
    unexpected_status: int
    socket_errors: int
    p50_ms: float
    p99_ms: float
    capped: bool

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0


def wrk_path() -> str | None:
    """Where wrk is, or None."""
    return shutil.which("wrk")


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal


def script_for(shot: Shot, per_thread_limit: int) -> str:
    """The Lua script for one shot: the settings as globals, then the shared script."""
    headers = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in shot.headers.items())
    prelude = (
        f"METHOD = {_lua_string(shot.method)}\nBODY = {_lua_string(shot.body)}\n"
        f"HEADERS = {{{headers}}}\nEXPECT = {int(shot.expect)}\nLIMIT = {per_thread_limit}\n"
    )
    return prelude + SCRIPT.read_text(encoding="utf-8")


def run_wrk(base_url: str, shot: Shot, load: Load, workdir: Path) -> Measurement:
    """Run wrk once against base_url + shot.path; loopback targets only."""
    host = urlsplit(base_url).hostname or ""
    if host not in LOOPBACK:
        raise LoadError(f"load is only ever sent to 127.0.0.1/localhost, not {host!r}")
    binary = wrk_path()
    if binary is None:
        raise LoadError(INSTALL_HINT)
    per_thread = max(1, load.max_requests // load.threads)
    script = workdir / f"wrk-{shot.method.lower()}.lua"
    script.write_text(script_for(shot, per_thread), encoding="utf-8")
    command = [
        binary,
        f"-t{load.threads}",
        f"-c{load.connections}",
        f"-d{max(1, round(load.duration_s))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base_url.rstrip("/") + shot.path,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=load.duration_s + 60, check=False
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise LoadError(f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout}")
    data = json.loads(line.removeprefix("WRK_JSON "))
    return Measurement(
        requests=int(data["requests"]),
        duration_s=data["duration_us"] / 1e6,
        unexpected_status=int(data["unexpected_status"]),
        socket_errors=int(data["socket_errors"]),
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        # wrk waits out -d even when every thread stopped at its cap: req/s is then too low.
        capped=int(data["requests"]) >= per_thread * load.threads,
    )
