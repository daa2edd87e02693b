"""The contract harness as a pytest plugin: target selection, discovery, case ids, report.

Read contracts/README.md first; this module is the machinery behind it.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.harness.http import Recorder, make_client
from contracts.harness.ladder import CONCEPTS, CORE
from contracts.harness.report import Report
from contracts.harness.server import ServedApp, free_port, serve_environment, tail
from contracts.harness.smtp_sink import Mailbox, SmtpSink

CASE_ID = re.compile(r"(core|p[0-9]{2})\.[a-z0-9]+(-[a-z0-9]+)*")
CONTRACT_FILE = re.compile(r"test_(core|p[0-9]{2})_[a-z0-9_]+\.py")
# What the harness gives a server it starts itself (--serve).
SERVE_CORS_ORIGIN = "http://cors-allowed.example"
SERVE_ADMIN_EMAIL = "contracts-admin@example.com"
# The environment interface's development defaults (README "Configuration"): what a server
# started without ADMIN_*/CORS_ORIGINS uses, so `--base-url` against it needs no flags.
DEV_ADMIN_EMAIL = "admin@example.com"
DEV_ADMIN_PASSWORD = "admin-password-change-me"
DEV_CORS_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173"
NEEDS_ADMIN = "needs admin credentials (--admin-email/--admin-password)"

TARGET = pytest.StashKey["Target"]()
IMPLEMENTED = pytest.StashKey[set[str]]()
RECORDER = pytest.StashKey[Recorder]()
CLEANUPS = pytest.StashKey[list[Callable[[], None]]]()


@dataclass
class Target:
    """The server under test and what the harness knows about it."""

    base_url: str
    served: bool
    admin_email: str | None
    admin_password: str | None
    cors_origin: str
    log_path: str | None = None
    mail_dir: str | None = None
    # Where the admin credentials came from: "serve", "option", "environment" or
    # "development default" (only the last may be wrong without the server being at fault).
    admin_source: str = "option"
    # The environment interface the harness gave a server it started (--serve, secrets
    # included: p42/p43 check that none of them shows); empty for --base-url.
    served_env: dict[str, str] = field(default_factory=dict)


def case(case_id: str) -> pytest.MarkDecorator:
    """Give a contract test its stable case id (`p07.unknown-field-rejected`)."""
    if not CASE_ID.fullmatch(case_id):
        raise ValueError(f"case id {case_id!r} must look like 'p07.some-rule' or 'core.rule'")
    return pytest.mark.case(case_id)


# ---------------------------------------------------------------- options and configuration


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contracts", "contract suite")
    try:  # pytest-base-url, when installed, owns --base-url; honour its value then.
        group.addoption(
            "--base-url",
            metavar="URL",
            default=None,
            help="URL of a running server (also PYTEST_BASE_URL, ini base_url).",
        )
    except ValueError:
        pass
    else:
        parser.addini("base_url", "default base URL of the server under test")
    group.addoption(
        "--serve",
        metavar="COMMAND",
        default=None,
        help='start the server: a shell command with "{port}" in it.',
    )
    group.addoption(
        "--serve-env",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="extra or overriding environment for --serve (repeatable).",
    )
    group.addoption(
        "--require-all",
        action="store_true",
        help="fail, instead of skip, the cases of concepts the target does not list.",
    )
    group.addoption(
        "--contract-report",
        metavar="PATH",
        default=None,
        help="write the conformance report as PATH (.json) and PATH.md.",
    )
    group.addoption(
        "--admin-email",
        default=None,
        help=f"admin account of the target (else $ADMIN_EMAIL, else {DEV_ADMIN_EMAIL}).",
    )
    group.addoption(
        "--admin-password",
        default=None,
        help="admin password of the target (else $ADMIN_PASSWORD, else the development default).",
    )
    group.addoption(
        "--cors-origin",
        default=None,
        help="an origin the target lists in CORS_ORIGINS (else the first of $CORS_ORIGINS, "
        "else http://localhost:5173 with --base-url).",
    )
    group.addoption(
        "--smtp-sink-port",
        type=int,
        default=None,
        help="with --base-url: run the SMTP sink on this port for your server.",
    )


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _env_pairs(pairs: list[str]) -> dict[str, str]:
    env = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise pytest.UsageError(f"--serve-env wants KEY=VALUE, got {pair!r}")
        # "$VAR" in a value is expanded, so a wrapper can hand over a fresh database URL.
        env[key] = os.path.expandvars(value)
    return env


def _first_origin(value: str) -> str | None:
    return next((o.strip() for o in value.split(",") if o.strip()), None)


def _running_server_settings(opt: Any) -> tuple[str | None, str | None, str, str]:
    """Admin and CORS origin for --base-url: options, else the environment, else dev defaults.

    The suite reads the same variables the server reads, with the same development defaults,
    so `pytest contracts --base-url URL` against a server started the same way needs no flags.
    """
    environ = os.environ
    if opt.admin_email or opt.admin_password:
        email, password, source = opt.admin_email, opt.admin_password, "option"
    elif "ADMIN_EMAIL" in environ or "ADMIN_PASSWORD" in environ:
        email = environ.get("ADMIN_EMAIL", DEV_ADMIN_EMAIL)
        password = environ.get("ADMIN_PASSWORD", DEV_ADMIN_PASSWORD)
        source = "environment"
    else:
        email, password, source = DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD, "development default"
    origin = (
        opt.cors_origin
        or _first_origin(environ.get("CORS_ORIGINS", ""))
        or _first_origin(DEV_CORS_ORIGINS)
    )
    assert origin is not None  # DEV_CORS_ORIGINS is not empty
    return email or None, password or None, origin, source


def _start_target(config: pytest.Config) -> Target | None:
    opt = config.option
    base_url = (
        getattr(opt, "base_url", None)
        or os.environ.get("PYTEST_BASE_URL")
        or config.getini("base_url")
    )
    cleanups = config.stash.setdefault(CLEANUPS, [])
    if opt.serve:
        admin_email = opt.admin_email or SERVE_ADMIN_EMAIL
        admin_password = opt.admin_password or secrets.token_urlsafe(18)
        cors_origin = opt.cors_origin or SERVE_CORS_ORIGIN
        workdir = Path(tempfile.mkdtemp(prefix="contracts-"))
        cleanups.append(lambda: shutil.rmtree(workdir, ignore_errors=True))
        sink = SmtpSink(workdir / "mail", free_port())
        sink.start()
        cleanups.append(sink.stop)
        env = serve_environment(workdir, sink.port, admin_email, admin_password, cors_origin)
        env.update(_env_pairs(opt.serve_env))
        server = ServedApp(opt.serve, workdir, env)
        cleanups.append(server.stop)
        try:
            server.start()
        except RuntimeError as error:
            raise pytest.UsageError(f"--serve failed: {error}") from None
        return Target(
            server.base_url,
            True,
            admin_email,
            admin_password,
            cors_origin,
            str(server.log_path),
            str(sink.folder),
            admin_source="serve",
            served_env=env,
        )
    if base_url:
        admin_email, admin_password, cors_origin, admin_source = _running_server_settings(opt)
        mail_dir = None
        if opt.smtp_sink_port:
            folder = Path(tempfile.mkdtemp(prefix="contracts-mail-"))
            sink = SmtpSink(folder, opt.smtp_sink_port)
            sink.start()
            cleanups.append(sink.stop)
            mail_dir = str(folder)
        return Target(
            base_url.rstrip("/"),
            False,
            admin_email,
            admin_password,
            cors_origin,
            None,
            mail_dir,
            admin_source=admin_source,
        )
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "case(id): the stable id of a contract case")
    config.addinivalue_line("markers", "core: a case of the app-wide conventions (CATALOG §0)")
    config.addinivalue_line("markers", "smoke: the deployment smoke test (CATALOG p50)")
    config.addinivalue_line(
        "markers", "process_local: relies on state kept in one process; deselect for multi-worker"
    )
    config.addinivalue_line("markers", "not_implemented_required: (internal) --require-all")
    for info in CONCEPTS.values():
        config.addinivalue_line("markers", f"{info.id}: concept {info.id} {info.slug}")
    for level in sorted({info.level for info in CONCEPTS.values()}):
        config.addinivalue_line("markers", f"level{level}: every concept of level {level}")

    if _is_worker(config):
        config.stash[TARGET] = Target(**config.workerinput["contract_target"])
        return
    if config.option.help or config.option.collectonly:
        target = _start_target(config) if config.option.collectonly else None
    else:
        target = _start_target(config)
        if target is None:
            raise pytest.UsageError(
                "no target: pass --base-url URL (or PYTEST_BASE_URL) for a running server, "
                'or --serve "COMMAND {port}" to start one. See contracts/README.md.'
            )
    if target is not None:
        config.stash[TARGET] = target
        if config.option.contract_report:
            config.pluginmanager.register(
                ReportPlugin(Report(target.base_url), Path(config.option.contract_report)),
                "contract-report",
            )


def pytest_unconfigure(config: pytest.Config) -> None:
    for cleanup in reversed(config.stash.get(CLEANUPS, [])):
        cleanup()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist: hand the controller's target (one server for all workers) to a worker."""
    node.workerinput["contract_target"] = asdict(node.config.stash[TARGET])


# ---------------------------------------------------------------- collection and discovery


def _implemented(config: pytest.Config) -> set[str]:
    if IMPLEMENTED not in config.stash:
        target = config.stash[TARGET]
        try:
            response = httpx.get(f"{target.base_url}/concepts", timeout=10)
            listed = response.json()["concepts"]
            config.stash[IMPLEMENTED] = {str(c["id"]) for c in listed}
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise pytest.UsageError(
                f"cannot discover concepts: GET {target.base_url}/concepts failed "
                f"({type(error).__name__}: {error}). The catalog requires that route."
            ) from None
    return config.stash[IMPLEMENTED]


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    seen: dict[str, str] = {}
    problems: list[str] = []
    have_target = TARGET in config.stash
    for item in items:
        filename = Path(str(item.fspath)).name
        found = CONTRACT_FILE.fullmatch(filename)
        if not found:
            problems.append(
                f"{item.nodeid}: contract files are named test_pNN_*.py or test_core_*.py"
            )
            continue
        concept = found.group(1)
        if concept != "core" and concept not in CONCEPTS:
            problems.append(f"{item.nodeid}: {concept} has no [[concept]] row in ladder.toml")
            continue
        marker = item.get_closest_marker("case")
        if marker is None or not marker.args:
            problems.append(f"{item.nodeid}: no @case('{concept}.rule-name') id")
            continue
        case_id = str(marker.args[0])
        if not case_id.startswith(concept + "."):
            problems.append(f"{item.nodeid}: case id {case_id!r} must start with '{concept}.'")
        callspec = getattr(item, "callspec", None)
        if callspec is not None:
            case_id = f"{case_id}[{callspec.id}]"
        if case_id in seen:
            problems.append(f"{item.nodeid}: case id {case_id!r} also used by {seen[case_id]}")
        seen[case_id] = item.nodeid

        info = CORE if concept == "core" else CONCEPTS[concept]
        item.add_marker(concept)
        if info.level:
            item.add_marker(f"level{info.level}")
        item.user_properties.append(("case_id", case_id))
        item.user_properties.append(("concept", concept))
        if have_target and concept != "core" and concept not in _implemented(config):
            reason = f"not implemented: {concept} is not listed by GET /concepts"
            item.user_properties.append(("not_implemented", True))
            if config.option.require_all:
                item.add_marker(pytest.mark.not_implemented_required(reason))
            else:
                item.add_marker(pytest.mark.skip(reason=reason))
    if problems:
        raise pytest.UsageError("contract suite is malformed:\n  " + "\n  ".join(problems))


def pytest_runtest_setup(item: pytest.Item) -> None:
    marker = item.get_closest_marker("not_implemented_required")
    if marker is not None:
        pytest.fail(f"{marker.args[0]} (--require-all)", pytrace=False)


# ---------------------------------------------------------------- failures and the report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[Any]:
    report = yield
    if report.failed:
        recorder = item.stash.get(RECORDER, None)
        if recorder is not None and recorder.exchanges:
            report.sections.append(("HTTP exchanges (newest last)", recorder.render()))
        target = item.config.stash.get(TARGET, None)
        if target is not None and target.log_path:
            report.sections.append(("server log (tail)", tail(Path(target.log_path))))
    return report


class ReportPlugin:
    """Collects every case's outcome (on the controller under xdist) and writes the report."""

    def __init__(self, report: Report, path: Path) -> None:
        self.report = report
        self.path = path
        self.written: tuple[Path, Path] | None = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties)
        if "case_id" not in props:
            return
        reason = ""
        if report.skipped and isinstance(report.longrepr, tuple):
            reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        if hasattr(report, "wasxfail"):
            reason = f"expected failure: {report.wasxfail}"
        # A passing setup/teardown only adds time; the call (or a failure anywhere) decides.
        outcome = report.outcome if (report.when == "call" or not report.passed) else None
        self.report.record(
            nodeid=report.nodeid,
            case_id=props["case_id"],
            concept=props["concept"],
            outcome=outcome,
            duration=report.duration,
            not_implemented=bool(props.get("not_implemented")),
            reason=reason,
        )

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        try:
            listed = httpx.get(f"{self.report.target}/concepts", timeout=5).json()
            self.report.implementation = listed.get("implementation")
        except (httpx.HTTPError, ValueError, AttributeError):
            self.report.implementation = None
        self.written = self.report.write(self.path)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.written:
            json_path, md_path = self.written
            terminalreporter.write_sep("-", "conformance report")
            terminalreporter.write_line(md_path.read_text(encoding="utf-8"))
            terminalreporter.write_line(f"written to {json_path} and {md_path}")
            if self.report.partial:
                terminalreporter.write_line(
                    f"a partial run: the full report ({self.path}) is left as it was"
                )


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    """The server under test: base URL, admin credentials, CORS origin, sink folder."""
    return pytestconfig.stash[TARGET]


@pytest.fixture
def api(target: Target, request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    """An HTTP client bound to the target; its exchanges show up when the test fails."""
    recorder = Recorder()
    request.node.stash[RECORDER] = recorder
    with make_client(target.base_url, recorder) as client:
        yield client


_RUN = secrets.token_hex(3)
_COUNTER = count(1)


@pytest.fixture
def unique(request: pytest.FixtureRequest) -> Callable[[], str]:
    """Fresh lower-case alphanumeric tokens, unique per run, process and call."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw")
    prefix = f"{_RUN}{re.sub(r'[^a-z0-9]', '', worker)}"
    return lambda: f"{prefix}x{next(_COUNTER)}"


@pytest.fixture(scope="session")
def mailbox(target: Target) -> Mailbox:
    """Messages the SMTP sink received (needs --serve, or --smtp-sink-port with --base-url)."""
    if not target.mail_dir:
        # Not the server's fault: the suite cannot see its mail, so the case cannot be judged.
        pytest.skip(
            "needs an SMTP sink: use --serve, or --smtp-sink-port N with --base-url and point "
            "your server's SMTP_HOST/SMTP_PORT at 127.0.0.1:N"
        )
    return Mailbox(Path(target.mail_dir))
