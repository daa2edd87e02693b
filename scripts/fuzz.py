"""Fuzz the served OpenAPI document with schemathesis 4: the referee of CATALOG p10.

    python scripts/fuzz.py                       # start the app like the contract harness does
    python scripts/fuzz.py --base-url URL        # fuzz a server that is already running
    python scripts/fuzz.py --max-examples 10     # quicker; see --help for the other bounds

The server is started exactly as `pytest contracts --serve ...` starts it (the harness's own
code: fresh SQLite, APP_ENV=testing, random secrets, an SMTP sink, `python -m flask_track.serve
--with-worker --workers 1 --port N`, wait for /health), then schemathesis runs every phase
(examples, coverage, fuzzing, stateful) over GET /openapi.json with a bounded number of examples per
operation and a hard wall-clock bound for the whole run. Exit status: 0 when schemathesis found
nothing, 1 on any failure or error, 2 when the run exceeded its time bound or could not start.

What is fuzzed differs from the served document in two ways: WebSocket routes (operations that
document `101 Switching Protocols`, CATALOG §0) are left out, and `default` responses are removed.
flask-smorest adds `default: DEFAULT_ERROR` to every operation, which would make any status
"documented" and the status_code_conformance check vacuous; the catalog wants every status a
route answers listed (`422`, `404`, `409`, ...), so the fuzzer sees only the explicit ones.

Server errors: the catalog's routes that answer errors on purpose (p06 /status/{code}, p08
/boom and /http-error/{code}, p49 /boom, and any operation documenting `5XX`) are exempt from
`not_a_server_error` and `positive_data_acceptance` (they answer whatever status they are asked
for); an operation that documents specific 5xx statuses (a 503 while the database is down) may
answer those and no other. Every other check still applies to all of them, so their statuses
must be documented. The run prints this policy before fuzzing.

Uploads: an operation with a multipart/form-data body (p31) may also answer 413 and 415 to
document-valid data in positive_data_acceptance: the sniffed type of a file's bytes and its size
are rules no schema states, and random bytes are no PNG.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The contract harness's own launcher, so the fuzzed server is started the same way.
from contracts.harness.server import ServedApp, free_port, serve_environment  # noqa: E402
from contracts.harness.smtp_sink import SmtpSink  # noqa: E402

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# Every check that applies without several users' credentials (object_level_authorization
# needs two auth contexts; the run is anonymous).
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
)
# schemathesis' default for positive_data_acceptance, plus what the catalog allows a route to
# answer to a document-valid request: 412 (a stale ETag: stored state) and 422 (a cross-field
# rule no schema can say, such as p04's min_price > max_price).
POSITIVE_EXPECTED = ["2xx", "3xx", "401", "403", "404", "409", "412", "422", "429"]
PHASES = "examples,coverage,fuzzing,stateful"
# Operations that are slow on purpose (p39 sleeps up to 2 s per request) get fewer generated
# examples, so the whole run stays inside its time bound; every check still applies to them.
SLOW_ON_PURPOSE = {("GET", "/p39/slow"): 5}
# An operation may list in this extension the further 4xx statuses its catalog rule gives a
# document-valid request because of server state no schema can say (p34's confirm: a
# well-formed token the server never issued → 400). Only that operation accepts them.
STATE_STATUSES = "x-state-statuses"
SERVE_COMMAND = "{python} -m flask_track.serve --with-worker --workers 1 --port {{port}}"
DEFAULT_CORS_ORIGIN = "http://cors-allowed.example"
FIVE_XX = re.compile(r"5(?:[0-9]{2}|XX)")
# Where an access token comes from (CATALOG p24), for routes that declare bearer auth.
TOKEN_PATH = "/p24/token"  # noqa: S105 - a URL path, not a secret
# The routes the catalog makes answer errors on purpose (p06 any status 200-599, p08 and p49
# force a 500, p08 any error status), whether or not their document lists the 5xx yet.
ON_PURPOSE = re.compile(r"/p06/status/\{[^}]+\}|/p08/boom|/p08/http-error/\{[^}]+\}|/p49/boom")


def say(message: str, *, error: bool = False) -> None:
    """One line of ours, flushed so it comes before schemathesis' output on the terminal."""
    print(f"fuzz: {message}", file=sys.stderr if error else sys.stdout, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python scripts/fuzz.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base-url", help="fuzz this running server instead of starting one")
    parser.add_argument(
        "--max-examples", type=int, default=50, help="examples per operation and phase (50)"
    )
    parser.add_argument(
        "--time-limit", type=float, default=285.0, help="wall-clock bound in seconds (285)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="schemathesis workers (1: with more, Python 3.11 threads break hypothesis' "
        "lambda-source parser with 'AST constructor recursion depth mismatch' errors)",
    )
    parser.add_argument("--admin-email", help="with --base-url: the server's admin account")
    parser.add_argument("--admin-password", help="with --base-url: the admin's password")
    parser.add_argument("--request-timeout", type=float, default=10.0, help="per request (10)")
    parser.add_argument("--seed", type=int, default=None, help="reproduce an earlier run")
    parser.add_argument(
        "--include-path-regex",
        metavar="PATTERN",
        help="fuzz only the operations whose path matches (e.g. '^/p41/'); default: all",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=ROOT / "reports" / "fuzz",
        help="where the JUnit and JSON reports go (reports/fuzz)",
    )
    return parser.parse_args(argv)


# ---------------------------------------------------------------- the document


def is_websocket(item: dict[str, Any]) -> bool:
    """A WebSocket route documents its upgrade (101): not an HTTP operation to fuzz."""
    return any(
        "101" in (item.get(method) or {}).get("responses", {})
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    )


def fuzz_document(document: dict[str, Any]) -> dict[str, Any]:
    """The served document without `default` responses and without WebSocket routes."""
    fuzzed = copy.deepcopy(document)
    fuzzed["paths"] = {
        path: item for path, item in fuzzed.get("paths", {}).items() if not is_websocket(item)
    }
    for item in fuzzed.get("paths", {}).values():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                operation.get("responses", {}).pop("default", None)
    return fuzzed


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, operation) for every documented operation."""
    return [
        (method.upper(), path, item[method])
        for path, item in document.get("paths", {}).items()
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    ]


def server_error_policy(document: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """The operations that may answer 5xx, and which 5xx statuses ([] = any: on purpose).

    The catalog's error routes answer any status they are asked for; other operations may
    answer the 5xx statuses their document lists explicitly (a 503 while the database is
    down), and nothing else: a 500 there still fails not_a_server_error.
    """
    policy: dict[tuple[str, str], list[str]] = {}
    for method, path, operation in operations(document):
        listed = [str(s) for s in operation.get("responses", {}) if FIVE_XX.fullmatch(str(s))]
        if ON_PURPOSE.fullmatch(path) or "5XX" in listed:
            policy[(method, path)] = []
        elif listed:
            policy[(method, path)] = listed
    return policy


def content_rule_policy(document: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """Uploads: operations with a multipart/form-data body may answer 413 and 415 to data the
    document calls valid. A file's sniffed type and its size in bytes (CATALOG p31) are rules
    no OpenAPI schema can state; the fuzzer's random bytes are, rightly, no PNG."""
    return {
        (method, path): ["413", "415"]
        for method, path, operation in operations(document)
        if "multipart/form-data" in operation.get("requestBody", {}).get("content", {})
    }


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escaping is a subset TOML accepts)."""
    return json.dumps(value)


def bearer_auth(document: dict[str, Any], admin: tuple[str, str] | None) -> list[str]:
    """TOML that logs in as the admin through POST /p24/token for operations that declare a
    bearer security scheme (a fresh token whenever one answers 401, e.g. after /p29/logout).

    Only operations declaring the scheme get the token, so `ignored_auth` can check that each
    of them refuses a request without it."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    bearer = [
        name
        for name, scheme in schemes.items()
        if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
    ]
    token_route = "post" in document.get("paths", {}).get(TOKEN_PATH, {})
    if not (admin and bearer and token_route):
        return []
    email, password = admin
    lines = []
    for name in bearer:
        lines += [
            "",
            f"[auth.dynamic.openapi.{toml_string(name)}]",
            f"path = {toml_string(TOKEN_PATH)}",
            'method = "post"',
            f"payload = {{ email = {toml_string(email)}, password = {toml_string(password)} }}",
            'extract_selector = "/access_token"',
        ]
    return lines


def state_statuses(document: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """The operations that list `x-state-statuses`, and those statuses."""
    return {
        (method, path): [str(status) for status in operation[STATE_STATUSES]]
        for method, path, operation in operations(document)
        if operation.get(STATE_STATUSES)
    }


def schemathesis_config(
    policy: dict[tuple[str, str], list[str]],
    auth: list[str] | None = None,
    content_rules: dict[tuple[str, str], list[str]] | None = None,
    max_examples: int = 50,
) -> str:
    """schemathesis.toml: the checks, the positive-data statuses, the 5xx exemptions.

    Checks are enabled here rather than with `--checks`: a check named on the command line
    overrides the per-operation `enabled = false` below.
    """
    lines = ["# Written by scripts/fuzz.py for one run.", *(auth or [])]
    # Here, not as --max-examples: a command-line option would override the per-operation
    # value of SLOW_ON_PURPOSE below.
    lines += ["", "[generation]", f"max-examples = {max_examples}", "", "[checks]"]
    lines.append("enabled = false")
    for name in CHECKS:
        lines += ["", f"[checks.{name}]", "enabled = true"]
        if name == "positive_data_acceptance":
            lines.append(f"expected-statuses = {json.dumps(POSITIVE_EXPECTED)}")
    for (method, path), statuses in policy.items():
        # include-name is "METHOD /path": include-method and include-path would be OR-ed.
        lines += ["", "[[operations]]", f"include-name = {toml_string(f'{method} {path}')}"]
        if statuses:
            not_an_error = ["2xx", "3xx", "4xx", *statuses]
            # An operation may document a 503 AND state statuses (p41's callback): one table
            # per operation, so its further statuses join the 5xx ones here.
            further = (content_rules or {}).get((method, path), [])
            lines += [
                f"checks.not_a_server_error.expected-statuses = {json.dumps(not_an_error)}",
                "checks.positive_data_acceptance.expected-statuses = "
                + json.dumps([*POSITIVE_EXPECTED, *statuses, *further]),
            ]
        else:
            lines += [
                "checks.not_a_server_error.enabled = false",
                "checks.positive_data_acceptance.enabled = false",
            ]
    for (method, path), statuses in (content_rules or {}).items():
        if (method, path) in policy:
            continue  # merged into its 5xx table above
        lines += ["", "[[operations]]", f"include-name = {toml_string(f'{method} {path}')}"]
        lines.append(
            "checks.positive_data_acceptance.expected-statuses = "
            + json.dumps([*POSITIVE_EXPECTED, *statuses])
        )
    for (method, path), examples in SLOW_ON_PURPOSE.items():
        lines += ["", "[[operations]]", f"include-name = {toml_string(f'{method} {path}')}"]
        lines.append(f"generation.max-examples = {min(examples, max_examples)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the server


def start_server(workdir: Path, admin: tuple[str, str]) -> tuple[ServedApp, SmtpSink]:
    """The contract harness's environment and launcher, on a free port."""
    sink = SmtpSink(workdir / "mail", free_port())
    sink.start()
    env = serve_environment(workdir, sink.port, *admin, DEFAULT_CORS_ORIGIN)
    server = ServedApp(SERVE_COMMAND.format(python=sys.executable), workdir, env)
    try:
        server.start()
    except RuntimeError:
        sink.stop()
        raise
    return server, sink


def schemathesis_command(args: argparse.Namespace, config: Path, spec: Path, url: str) -> list[str]:
    executable = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    base = [executable] if executable else [sys.executable, "-m", "schemathesis.cli"]
    command = [
        *base,
        "--config-file",
        str(config),
        "run",
        str(spec),
        "--url",
        url,
        "--phases",
        PHASES,
        "--workers",
        str(args.workers),
        "--request-timeout",
        str(args.request_timeout),
        "--generation-database",
        "none",
        "--report",
        "junit,json",
        "--report-dir",
        str(args.report_dir),
        "--no-color",
    ]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    if args.include_path_regex:
        command += ["--include-path-regex", args.include_path_regex]
    return command


def summarize(report_dir: Path) -> list[str]:
    """Operations, test cases, time and failures (code, count, operations) of the newest
    schemathesis JSON report."""
    reports = sorted(report_dir.glob("json-*.json"), key=lambda p: p.stat().st_mtime)
    if not reports:
        return [f"(no JSON report in {report_dir})"]
    data = json.loads(reports[-1].read_text(encoding="utf-8"))
    ops = data.get("operations", {})
    cases = data.get("test_cases", {})
    phases = ", ".join(f"{name} {info.get('status')}" for name, info in data["phases"].items())
    lines = [
        f"operations: {ops.get('tested')} tested of {ops.get('total')}; "
        f"test cases: {cases.get('generated')} generated, {cases.get('with_failures')} failing "
        f"({cases.get('unique_failures')} unique failures); "
        f"schemathesis time {data.get('running_time', 0):.1f}s; seed {data.get('seed')}",
        f"phases: {phases}",
    ]
    for failure in data.get("failures", []):
        lines.append(
            f"FAILURE {failure.get('code')} {failure.get('title')} x{failure.get('count')}: "
            + ", ".join(failure.get("operations", []))
        )
    for error in data.get("errors", []):
        lines.append(f"ERROR {json.dumps(error)[:300]}")
    lines.append(f"report: {reports[-1]} (and the JUnit XML next to it)")
    return lines


def run(args: argparse.Namespace, workdir: Path) -> int:
    started = time.monotonic()
    server = sink = None
    try:
        admin: tuple[str, str] | None = None
        if args.base_url:
            base_url = args.base_url.rstrip("/")
            if args.admin_email and args.admin_password:
                admin = (args.admin_email, args.admin_password)
        else:
            admin = ("fuzz-admin@example.com", secrets.token_urlsafe(18))
            server, sink = start_server(workdir, admin)
            base_url = server.base_url
            say(f"server started at {base_url} (log: {server.log_path})")
        response = httpx.get(f"{base_url}/openapi.json", timeout=30)
        response.raise_for_status()
        document = response.json()
        spec = workdir / "openapi.fuzz.json"
        spec.write_text(json.dumps(fuzz_document(document)), encoding="utf-8")
        policy = server_error_policy(document)
        config = workdir / "schemathesis.toml"
        auth = bearer_auth(document, admin)
        content_rules = content_rule_policy(document)
        state = state_statuses(document)
        # Both are further statuses one operation's document-valid data may get (by the bytes
        # of an upload, or by server state): to positive_data_acceptance they are the same.
        for operation, statuses in state.items():
            content_rules[operation] = [*content_rules.get(operation, []), *statuses]
        config.write_text(
            schemathesis_config(policy, auth, content_rules, args.max_examples), encoding="utf-8"
        )
        say(f"{len(operations(document))} operations, {args.max_examples} examples each")
        say(
            f"bearer auth: admin token from POST {TOKEN_PATH}"
            if auth
            else "bearer auth: none (no bearer scheme, no token route or no admin credentials)"
        )
        say("operations allowed to answer 5xx (not_a_server_error, positive_data_acceptance):")
        for (method, path), statuses in policy.items():
            say(f"  {method} {path}: {', '.join(statuses) or 'any status, on purpose'}")
        say("operations whose valid data may get more statuses (uploads: bytes; x-state-statuses):")
        for (method, path), statuses in content_rules.items():
            say(f"  {method} {path}: {', '.join(statuses)}")
        args.report_dir.mkdir(parents=True, exist_ok=True)
        command = schemathesis_command(args, config, spec, base_url)
        remaining = args.time_limit - (time.monotonic() - started)
        try:
            # Its own session, so a timeout can end schemathesis and its workers together.
            process = subprocess.Popen(command, cwd=workdir, start_new_session=True)  # noqa: S603
            code = process.wait(timeout=max(remaining, 1))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
            say(f"FAILED: exceeded the {args.time_limit:.0f}s time bound", error=True)
            return 2
        for line in summarize(args.report_dir):
            say(line)
        say(f"wall time {time.monotonic() - started:.1f}s (bound {args.time_limit:.0f}s)")
        say(f"schemathesis exit status {code}: {'OK' if code == 0 else 'FAILURES'}")
        return 0 if code == 0 else 1
    except (RuntimeError, httpx.HTTPError, ValueError) as error:
        say(f"could not start: {error}", error=True)
        return 2
    finally:
        if server is not None:
            server.stop()
        if sink is not None:
            sink.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.report_dir = args.report_dir.resolve()
    os.chdir(ROOT)  # the harness starts the server in the current directory
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        return run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
