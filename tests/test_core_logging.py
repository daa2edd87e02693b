"""core/logging: the access line's fast paths write what the generic path would, where it would."""

from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from flask_track.concepts.p09_request_logger.buffer import BufferHandler
from flask_track.concepts.p09_request_logger.buffer import attach as attach_buffer
from flask_track.core.logging import (
    _ENCODER,
    _JSON_ATTR,
    StdoutHandler,
    access_record,
    configure_logging,
    iso_now,
    iso_timestamp,
    line_sinks,
    log_access_line,
    record_to_dict,
)

LOGGER = logging.getLogger("flask_track.access")


@pytest.mark.parametrize(
    ("method", "path", "status", "duration_ms"),
    [
        ("GET", "/p02/quotes", 200, 0.42),
        ("POST", "/p13/notes", 201, 12.0),
        ("GET", "/caf\u00e9/\u4e03\u8ee2\u3073", 404, 1e-05),
        ("GET", '/a"quote\\back\nslash\ttab\x7f\x00', 404, 3.01),
        ("PATCH", "/\ufffd\ud7ff/x", 422, 123456.78),
        ("M-SEARCH", "/", 405, 0.0),
    ],
)
def test_the_access_line_is_what_the_generic_encoder_writes(
    method: str, path: str, status: int, duration_ms: float
) -> None:
    record = access_record(LOGGER, "req-1.a_B", method, path, status, duration_ms)
    fast = record.__dict__[_JSON_ATTR]
    assert fast == _ENCODER.encode(record_to_dict(record))
    assert json.loads(fast)["path"] == path


def test_iso_timestamp_is_datetimes_isoformat_to_the_millisecond() -> None:
    rng = random.Random(20261202)
    moments = [rng.uniform(0, 4e9) for _ in range(20_000)]
    moments += [1764680000 + n + 0.9999995 for n in range(50)]  # rounds up into the next second
    moments += [0.0, 1764680000.0, 1764680000.0005]
    for moment in moments:
        expected = datetime.fromtimestamp(moment, UTC).isoformat(timespec="milliseconds")
        assert iso_timestamp(moment) == expected, moment


def test_iso_now_is_the_records_clock_to_the_millisecond() -> None:
    """The direct line's time is what iso_timestamp() writes for a record made just then."""
    for _ in range(2000):
        before = time.time()
        now = iso_now()
        after = time.time()
        # iso_timestamp rounds to the microsecond first (as datetime does), the clock in
        # nanoseconds is cut: one microsecond of slack, no more.
        assert iso_timestamp(before - 1e-6) <= now <= iso_timestamp(after), (before, now, after)


# ---------------------------------------------------------------- the access line's direct path


class Collect(logging.Handler):
    """A handler of the kind a user attaches: it needs the LogRecord itself."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def our_handlers_only() -> Iterator[None]:
    """The app's logger tree as a served app has it: our stdout handler and p09's buffer only.

    Under pytest the tree also holds pytest's own capture handlers (pytest attaches them to
    every logger that does not propagate, for each test phase), and with them the access
    record rightly takes the LogRecord path; these tests need the served state.
    """
    tree = logging.getLogger("flask_track")
    saved = list(tree.handlers)
    configure_logging()
    attach_buffer()
    tree.handlers = [h for h in tree.handlers if type(h) in (StdoutHandler, BufferHandler)]
    try:
        yield
    finally:
        tree.handlers = saved  # pytest's handlers back, for pytest to remove


def test_our_handlers_take_the_access_line_without_a_record() -> None:
    """Only line sinks listening (stdout, p09's buffer): the line goes to them directly."""
    with our_handlers_only():
        sinks = line_sinks(LOGGER)
    assert sinks is not None
    assert [type(sink) for sink in sinks] == [StdoutHandler, BufferHandler]


@pytest.mark.parametrize("where", ["flask_track.access", "flask_track"])
def test_a_handler_someone_attached_still_gets_the_access_record(
    where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A foreign handler on the way: the record goes through logging, to every handler."""
    collect = Collect()
    with our_handlers_only():
        logging.getLogger(where).addHandler(collect)
        try:
            assert line_sinks(LOGGER) is None
            capsys.readouterr()
            log_access_line(LOGGER, "rid-1", "GET", "/p02/quotes", 200, 0.5)
        finally:
            logging.getLogger(where).removeHandler(collect)
    (record,) = collect.records
    assert (record.getMessage(), record.request_id) == ("request", "rid-1")  # type: ignore[attr-defined]
    assert json.loads(capsys.readouterr().out)["path"] == "/p02/quotes"  # stdout still has it


def test_a_filter_someone_added_sees_the_access_record() -> None:
    """A filter on our own stdout handler needs the record: no direct path then."""
    seen: list[logging.LogRecord] = []

    def keep(record: logging.LogRecord) -> bool:
        seen.append(record)
        return False  # and drop it: nothing written

    with our_handlers_only():
        tree = logging.getLogger("flask_track")
        (handler,) = [h for h in tree.handlers if type(h) is StdoutHandler]
        handler.addFilter(keep)
        try:
            assert line_sinks(LOGGER) is None
            log_access_line(LOGGER, "rid-2", "GET", "/x", 404, 1.0)
        finally:
            handler.removeFilter(keep)
    assert [r.request_id for r in seen] == ["rid-2"]  # type: ignore[attr-defined]


def test_the_direct_line_is_the_records_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Both paths write the same JSON line (the timestamp aside)."""
    with our_handlers_only():
        assert line_sinks(LOGGER) is not None  # the direct path is the one taken
        capsys.readouterr()
        log_access_line(LOGGER, "rid-3", "POST", "/p13/notes", 201, 2.5)
    direct = json.loads(capsys.readouterr().out)
    record = access_record(LOGGER, "rid-3", "POST", "/p13/notes", 201, 2.5)
    generic = record_to_dict(record)
    assert {k: v for k, v in direct.items() if k != "ts"} == {
        k: v for k, v in generic.items() if k != "ts"
    }


# ---------------------------------------------------------------- the served app's batch

BATCH_SCRIPT = r"""
import logging, sys, time
from flask_track.core.logging import batch_stdout, configure_logging, log_access_line
configure_logging()
batch_stdout(interval=float(sys.argv[1]))
access = logging.getLogger("flask_track.access")
for n in range(200):
    log_access_line(access, f"id-{n}", "GET", f"/n/{n}", 200, 0.1)
if sys.argv[2] == "fork":
    import os
    child = os.fork()
    if child == 0:  # a gunicorn worker forked with lines still queued in its parent
        log_access_line(access, "child", "GET", "/child", 200, 0.1)
        sys.exit(0)
    os.waitpid(child, 0)
if sys.argv[2] == "warn":
    logging.getLogger("flask_track.test").warning("boom")
    sys.stderr.write("WARNED\n"); sys.stderr.flush()
    time.sleep(30)  # killed by the test: only what was flushed is out
"""


def batch_script_paths(mode: str) -> tuple[list[str], str]:
    """Run BATCH_SCRIPT to its end: the paths of its stdout lines, in order, and its tail."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", BATCH_SCRIPT, "60", mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "ENV_FILE": "/dev/null"},
    )
    paths = [json.loads(line)["path"] for line in done.stdout.splitlines()]
    return paths, done.stdout[-2000:]


def test_batched_lines_all_leave_in_order_by_the_exit() -> None:
    """A served worker's lines are written together, in order; the exit writes the rest."""
    paths, out = batch_script_paths("exit")
    assert paths == [f"/n/{n}" for n in range(200)], out


def test_a_forked_child_writes_its_own_lines_only() -> None:
    """After a fork the child starts its own writer and never repeats its parent's lines."""
    paths, out = batch_script_paths("fork")
    assert sorted(paths) == sorted([f"/n/{n}" for n in range(200)] + ["/child"]), out


def test_a_warning_writes_the_batch_at_once() -> None:
    """A warning or worse is on stdout before the code that logged it goes on."""
    with subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", BATCH_SCRIPT, "60", "warn"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "ENV_FILE": "/dev/null"},
    ) as process:
        assert process.stderr is not None and process.stdout is not None
        assert process.stderr.readline() == "WARNED\n"
        process.kill()  # no exit handler runs: only lines already written are there
        out = process.stdout.read()
    messages = [json.loads(line)["message"] for line in out.splitlines()]
    assert messages == ["request"] * 200 + ["boom"], out[-2000:]
