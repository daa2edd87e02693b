r"""The cost of the track's always-on core: its GET /p02/quotes vs a bare Flask app.

    python -m bench.core_overhead                    # 8 interleaved rounds of 3 s each
    python -m bench.core_overhead --rounds 12 --duration 2
    git archive <commit> | tar -x -C /tmp/before     # an older tree, then:
    python -m bench.core_overhead --compare-root /tmp/before   # before and after, same rounds
    python -m bench.core_overhead --pin              # servers on CPU 0, wrk on the others

Both apps run under the same gunicorn command (gthread, one worker, eight threads) on
127.0.0.1; the track is started like the contract harness starts it (`python -m
flask_track.serve`, a fresh SQLite file, CORS on, APP_ENV=production with random secrets),
the bare app is `bench/bare_app.py` answering the track's own p02 body. wrk (`-t2 -c16`,
see contracts/compare/load.py) loads one then the other, round after round, the order
reversed every other round (ABBA), so the machine's noise falls on both. Prints req/s,
p50/p99 and the server's CPU microseconds per request per round, the ratios track/bare per
round and their medians (goal >= 0.80: the core costs at most 20 %). `--compare-root` adds a
second track served from another source tree (the code before a change) to the same rounds.
`--pin` keeps the servers on one CPU and wrk on the others (the default lets the scheduler
place them, as on a learner's laptop; pinned, the load generator never takes the server's
core, and req/s is higher for both apps).

Also printed: `import flask_track` + `create_app()` in a fresh interpreter (median of 5,
interleaved with the other tree's; goal <= 0.8 s) and the resident memory of each track's
idle gunicorn worker (goal <= 80 MiB).
Numbers only, never a pass/fail exit: timings depend on the machine (bench/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shlex
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
GUNICORN = (
    "--worker-class gthread --workers 1 --threads 8 --graceful-timeout 10 --timeout 60 "
    "--limit-request-line 8190"
)
STARTUP_SNIPPET = (
    "import time; t = time.perf_counter(); import flask_track; a = time.perf_counter(); "
    "flask_track.create_app(); b = time.perf_counter(); print(a - t, b - t)"
)


def startup_seconds(
    trees: dict[str, tuple[dict[str, str], Path]], repeat: int = 5
) -> dict[str, tuple[float, float]]:
    """Per tree: median (import, import + create_app) seconds in a fresh interpreter.

    `trees` maps a name to (environment, source root). The probes of all trees are
    interleaved, round after round, so a busy moment of the machine falls on each alike.
    The package's bytecode is compiled first, as Python leaves it after a first import and
    as the Docker image ships it: with PYTHONDONTWRITEBYTECODE set (tox, the image, some
    shells) and no bytecode on disk, every start would compile ~200 modules again and this
    would measure the compiler (0.3-0.4 s on a 2-core machine), not the app.
    """
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    for _env, root in trees.values():
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(root / "flask_track")],
            check=True,
            capture_output=True,
        )
    for _ in range(repeat):
        for name, (env, root) in trees.items():
            out = subprocess.run(
                [sys.executable, "-c", STARTUP_SNIPPET],
                env={**os.environ, **env, "PYTHONPATH": str(root)},
                capture_output=True,
                text=True,
                check=True,
                cwd=root,
            ).stdout.split()
            runs[name].append((float(out[-2]), float(out[-1])))
    return {
        name: (statistics.median(r[0] for r in found), statistics.median(r[1] for r in found))
        for name, found in runs.items()
    }


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


def pin(pids: list[int], cpus: set[int]) -> None:
    """Keep every thread of these processes on `cpus` (threads made later inherit it)."""
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").glob("*"):
            with contextlib.suppress(OSError):  # a thread that just ended
                os.sched_setaffinity(int(task.name), cpus)


def load_average() -> str:
    """The machine's 1-minute load average (context for a noisy, shared machine)."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def track_server(root: Path, workdir: Path, env: dict[str, str]) -> ServedApp:
    """The track served from the code under `root`, as the contract harness serves it."""
    workdir.mkdir(parents=True, exist_ok=True)
    # From `root`: `python -m` puts the current directory first on sys.path.
    return ServedApp(
        f"cd {shlex.quote(str(root))} && "
        f"{sys.executable} -m flask_track.serve --workers 1 --threads 8 --port {{port}}",
        workdir,
        {
            **env,
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "PYTHONPATH": str(root),
        },
    )


def summary(name: str, values: list[float], rounds: int) -> str:
    return (
        f"{name}: median {statistics.median(values):.2f} over {rounds} rounds "
        f"(spread {min(values):.2f}-{max(values):.2f}); goal >= 0.80"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--compare-root",
        type=Path,
        help="also serve the track from this source tree (an older commit, `git archive`d) "
        "in the same rounds: before and after under the same noise",
    )
    parser.add_argument(
        "--pin",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="servers on the first CPU, wrk on the others (needs 2+ CPUs)",
    )
    args = parser.parse_args(argv)
    rounds = max(1, min(args.rounds, 40))
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
    servers = {"track": track_server(ROOT, workdir / "track", env)}
    if args.compare_root:
        servers["before"] = track_server(args.compare_root.resolve(), workdir / "before", env)
    bare_dir = workdir / "bare"
    bare_dir.mkdir()
    body_file = workdir / "p02.json"
    bare = ServedApp(
        f"{sys.executable} -m gunicorn {GUNICORN} --bind 127.0.0.1:{{port}} bench.bare_app:app",
        bare_dir,
        {"BARE_BODY_FILE": str(body_file), "PYTHONPATH": str(ROOT)},
    )
    roots = {"track": ROOT, "before": args.compare_root}
    try:
        print(f"load average at start: {load_average()}")
        trees = {}
        for name, server in servers.items():
            root = roots[name]
            assert root is not None
            trees[name] = ({**server.env, "DATABASE_URL": env["DATABASE_URL"]}, root.resolve())
        startups = startup_seconds(trees)
        for name, server in servers.items():
            imported, created = startups[name]
            server.start()
            answer = httpx.get(f"{server.base_url}/p02/quotes", timeout=10)
            answer.raise_for_status()
            if name == "track":
                body_file.write_bytes(answer.content)
            rss = worker_rss_mib(server.process.pid if server.process else 0)
            print(
                f"{name}: import flask_track {imported:.2f} s; + create_app() {created:.2f} s "
                f"(goal <= 0.8 s); idle worker RSS {rss:.1f} MiB (goal <= 80 MiB)"
            )
        bare.start()
        cpus = sorted(os.sched_getaffinity(0))
        pinned = args.pin and len(cpus) >= 2
        if pinned:
            for app in (bare, *servers.values()):
                pin(descendants(app.process.pid if app.process else 0), {cpus[0]})
            os.sched_setaffinity(0, set(cpus[1:]))  # wrk, started from here, inherits it
            print(f"pinned: servers on CPU {cpus[0]}, wrk on CPU {cpus[1:]}")
        reference = httpx.get(f"{servers['track'].base_url}/p02/quotes", timeout=10).json()
        same = all(
            httpx.get(f"{app.base_url}/p02/quotes", timeout=10).json() == reference
            for app in (bare, *servers.values())
        )
        print(
            f"same body on all: {same}; wrk -t{load.threads} -c{load.connections} "
            f"-d{load.duration_s:g}s, {rounds} rounds, the order reversed every other round"
        )
        shot = Shot("GET", "/p02/quotes")
        ratios: dict[str, list[float]] = {name: [] for name in servers}
        cpu_ratios: dict[str, list[float]] = {name: [] for name in servers}
        order: list[tuple[str, ServedApp]] = [*servers.items(), ("bare", bare)]
        for number in range(1, rounds + 1):
            # ABBA: a drift in the machine's load (other jobs starting, stopping) falls on
            # every server alike instead of always on the one measured first.
            runs = order if number % 2 else list(reversed(order))
            results = {name: measured(app, shot, load, workdir) for name, app in runs}
            b, b_cpu = results["bare"]
            parts = []
            for name in servers:
                t, t_cpu = results[name]
                ratios[name].append(t.rps / b.rps if b.rps else 0.0)
                cpu_ratios[name].append(b_cpu / t_cpu if t_cpu else 0.0)
                parts.append(
                    f"{name} req/s ratio {ratios[name][-1]:.2f}, "
                    f"CPU ratio {cpu_ratios[name][-1]:.2f}"
                )
            print(f"round {number} (load {load_average()}): " + "; ".join(parts))
            for name, _app in runs:
                print("  " + line(name, *results[name]))
        for name in servers:
            print(summary(f"{name} vs bare, req/s", ratios[name], rounds))
            print(summary(f"{name} vs bare, CPU/request (bare/{name})", cpu_ratios[name], rounds))
        print(f"load average at end: {load_average()}")
    except (LoadError, RuntimeError, httpx.HTTPError) as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 2
    finally:
        bare.stop()
        for server in servers.values():
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
