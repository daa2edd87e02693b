r"""The cost of the track's always-on core: its GET /p02/quotes vs a bare Flask app.

    python -m bench.core_overhead                    # 5 interleaved rounds of 5 s each
    python -m bench.core_overhead --rounds 3 --duration 3

Both apps run under the same gunicorn command (gthread, one worker, eight threads) on
127.0.0.1; the track is started like the contract harness starts it (`python -m
flask_track.serve`, a fresh SQLite file, CORS on, APP_ENV=production with random secrets),
the bare app is `bench/bare_app.py` answering the track's own p02 body. wrk (`-t2 -c16`,
see contracts/compare/load.py) loads one then the other, round after round, so the
machine's noise falls on both. Prints req/s and p50/p99 per round, the ratio track/bare
per round and its median (goal >= 0.80: the core costs at most 20 %).

Also printed: `import flask_track` + `create_app()` in a fresh interpreter (median of 3;
goal <= 0.8 s) and the resident memory of the track's idle gunicorn worker (goal <= 80 MiB).
Numbers only, never a pass/fail exit: timings depend on the machine (bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from contracts.compare.load import Load, LoadError, Measurement, Shot, run_wrk
from contracts.compare.procs import cpu_seconds, descendants, worker_rss_mib
from contracts.harness.server import ServedApp, free_port, serve_environment

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = "--worker-class gthread --workers 1 --threads 8 --graceful-timeout 10 --timeout 60"
STARTUP_SNIPPET = (
    "import time; t = time.perf_counter(); import flask_track; a = time.perf_counter(); "
    "flask_track.create_app(); b = time.perf_counter(); print(a - t, b - t)"
)


def startup_seconds(env: dict[str, str], repeat: int = 3) -> tuple[float, float]:
    """Median (import, import + create_app) seconds in a fresh interpreter."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", STARTUP_SNIPPET],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()
        runs.append((float(out[-2]), float(out[-1])))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def line(name: str, m: Measurement, cpu_us: float) -> str:
    flag = " (capped)" if m.capped else ""
    bad = f", {m.unexpected_status} wrong status" if m.unexpected_status else ""
    return (
        f"{name:6} {m.rps:8.0f} req/s  p50 {m.p50_ms:6.2f} ms  p99 {m.p99_ms:6.2f} ms"
        f"  {cpu_us:6.0f} us CPU/request  ({m.requests} requests{bad}){flag}"
    )


def measured(app: ServedApp, shot: Shot, load: Load, workdir: Path) -> tuple[Measurement, float]:
    """One wrk run and the server's CPU microseconds per request during it."""
    pids = descendants(app.process.pid if app.process else 0)
    before = cpu_seconds(pids)
    result = run_wrk(app.base_url, shot, load, workdir)
    spent = cpu_seconds(pids) - before
    return result, (spent * 1e6 / result.requests if result.requests else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    rounds = max(1, min(args.rounds, 20))
    load = Load(threads=2, connections=args.connections, duration_s=min(args.duration, 60))

    workdir = Path(tempfile.mkdtemp(prefix="bench-core-"))
    env = serve_environment(
        workdir,
        free_port(),
        "bench@example.com",
        secrets.token_urlsafe(18),
        "http://localhost:5173",
    )
    env["APP_ENV"] = "production"
    track = ServedApp(
        f"{sys.executable} -m flask_track.serve --workers 1 --threads 8 --port {{port}}",
        workdir,
        env,
    )
    bare_dir = workdir / "bare"
    bare_dir.mkdir()
    body_file = workdir / "p02.json"
    bare = ServedApp(
        f"{sys.executable} -m gunicorn {GUNICORN} --bind 127.0.0.1:{{port}} bench.bare_app:app",
        bare_dir,
        {"BARE_BODY_FILE": str(body_file)},
    )
    try:
        imported, created = startup_seconds(env)
        track.start()
        answer = httpx.get(f"{track.base_url}/p02/quotes", timeout=10)
        answer.raise_for_status()
        body_file.write_bytes(answer.content)
        bare.start()
        same = httpx.get(f"{bare.base_url}/p02/quotes", timeout=10).json() == answer.json()
        rss = worker_rss_mib(track.process.pid if track.process else 0)
        print(
            f"import flask_track: {imported:.2f} s; + create_app(): {created:.2f} s (goal <= 0.8 s)"
        )
        print(f"idle track worker RSS: {rss:.1f} MiB (goal <= 80 MiB)" if rss else "RSS: unknown")
        print(
            f"same body on both: {same}; wrk -t{load.threads} -c{load.connections} "
            f"-d{load.duration_s:.0f}s, {rounds} rounds, track then bare"
        )
        shot = Shot("GET", "/p02/quotes")
        ratios, cpu_ratios = [], []
        for number in range(1, rounds + 1):
            t, t_cpu = measured(track, shot, load, workdir)
            b, b_cpu = measured(bare, shot, load, workdir)
            ratios.append(t.rps / b.rps if b.rps else 0.0)
            cpu_ratios.append(b_cpu / t_cpu if t_cpu else 0.0)
            print(f"round {number}: req/s ratio {ratios[-1]:.2f}, CPU ratio {cpu_ratios[-1]:.2f}")
            print("  " + line("track", t, t_cpu))
            print("  " + line("bare", b, b_cpu))
        for name, values in (("req/s", ratios), ("CPU/request (bare/track)", cpu_ratios)):
            print(
                f"track vs bare, {name}: median {statistics.median(values):.2f} over {rounds} "
                f"rounds (spread {min(values):.2f}-{max(values):.2f}); goal >= 0.80"
            )
    except (LoadError, RuntimeError, httpx.HTTPError) as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 2
    finally:
        bare.stop()
        track.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
