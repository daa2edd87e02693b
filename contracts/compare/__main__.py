"""The compare command: parse the sides, run conformance and speed, write the report."""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from contracts.compare import conformance, speed
from contracts.compare.load import INSTALL_HINT, Load, LoadError, wrk_path
from contracts.compare.render import markdown
from contracts.harness.server import ServedApp, free_port, serve_environment

MAX_ROUNDS, MAX_DURATION_S, MAX_REQUESTS = 20, 60.0, 1_000_000


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Options, and the pytest arguments after `--` (e.g. `-m p01`), passed to both runs."""
    extra: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1 :]
    parser = argparse.ArgumentParser(
        prog="python -m contracts.compare",
        description="Compare two implementations: conformance case by case, then speed.",
        epilog="Arguments after -- go to both pytest runs, e.g. -- -m 'level1 or core'.",
    )
    parser.add_argument(
        "--a", required=True, help="side A: http://127.0.0.1:PORT or a command with {port}"
    )
    parser.add_argument("--b", required=True, help="side B: the same forms")
    parser.add_argument("--a-name", default="A", help="label of side A in the report")
    parser.add_argument("--b-name", default="B", help="label of side B in the report")
    parser.add_argument("--out", default="reports/compare", help="writes OUT.json and OUT.md")
    parser.add_argument("--no-conformance", action="store_true", help="speed only")
    parser.add_argument("--no-speed", action="store_true", help="conformance only")
    parser.add_argument("--rounds", type=int, default=3, help="speed rounds (A then B each)")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--max-requests", type=int, default=100_000, help="cap per wrk run")
    return parser.parse_args(argv), extra


def _start(spec: str, workdir: Path) -> tuple[str, ServedApp | None]:
    """A running side: the URL as given, or the command started on a free port."""
    if spec.startswith(("http://", "https://")):
        return spec.rstrip("/"), None
    workdir.mkdir(parents=True, exist_ok=True)
    env = serve_environment(
        workdir,
        free_port(),
        "compare-admin@example.com",
        secrets.token_urlsafe(18),
        "http://cors-allowed.example",
    )
    server = ServedApp(spec, workdir, env)
    server.start()
    return server.base_url, server


def main(argv: list[str] | None = None) -> int:
    args, extra = parse_args(sys.argv[1:] if argv is None else argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    say = lambda text: print(f"compare: {text}", flush=True)  # noqa: E731
    result: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "a": {"name": args.a_name, "spec": args.a},
        "b": {"name": args.b_name, "spec": args.b},
        "pytest_args": extra,
    }
    if not args.no_conformance:
        reports = {}
        for side in ("a", "b"):
            path = out.with_name(f"{out.name}-{side}.json")
            say(f"contract suite against {side.upper()} ({getattr(args, side)}) -> {path}")
            try:
                reports[side] = conformance.run_suite(getattr(args, side), path, extra)
            except conformance.SuiteError as error:
                print(f"compare: {error}", file=sys.stderr)
                return 2
            result[side].update(
                implementation=reports[side].get("implementation"), report=str(path)
            )
        result["conformance"] = conformance.merge(reports["a"], reports["b"])
    if not args.no_speed:
        load = Load(
            threads=max(1, min(args.threads, 8)),
            connections=max(1, min(args.connections, 256)),
            duration_s=max(1.0, min(args.duration, MAX_DURATION_S)),
            max_requests=max(1, min(args.max_requests, MAX_REQUESTS)),
        )
        rounds = max(1, min(args.rounds, MAX_ROUNDS))
        if wrk_path() is None:
            result["speed"] = {"skipped": INSTALL_HINT}
            say(f"speed skipped: {result['speed']['skipped']}")
        else:
            workdir = Path(tempfile.mkdtemp(prefix="compare-"))
            servers: list[ServedApp] = []
            try:
                base_a, server_a = _start(args.a, workdir / "a")
                servers += [server_a] if server_a else []
                base_b, server_b = _start(args.b, workdir / "b")
                servers += [server_b] if server_b else []
                say(f"speed: {rounds} rounds, A at {base_a}, B at {base_b}")
                result["speed"] = speed.measure(base_a, base_b, load, rounds, workdir, say)
            except (LoadError, RuntimeError) as error:
                print(f"compare: speed failed: {error}", file=sys.stderr)
                return 2
            finally:
                for server in reversed(servers):
                    server.stop()
                shutil.rmtree(workdir, ignore_errors=True)
    json_path, md_path = out.with_suffix(".json"), out.with_suffix(".md")
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    md_path.write_text(markdown(result), encoding="utf-8")
    print(md_path.read_text(encoding="utf-8"))
    say(f"written to {json_path} and {md_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
