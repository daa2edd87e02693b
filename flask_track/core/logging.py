"""One JSON object per line on stdout: the access log and every app log record.

Records carry structured fields in `record.fields` (passed as `extra={"fields": {...}}`).
The request id is added to every record made during a request, so a learner can follow one
request through the log with `grep`.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import math
import os
import sys
import threading
import time
import traceback
from collections import deque
from datetime import UTC, datetime
from typing import Any, TextIO

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy.engine import make_url

from flask_track.config import SETTINGS
from flask_track.core.request_id import current_request_id

LOGGER_NAME = "flask_track"
MASK = "***"
# Request headers that carry credentials: never written to a log, whatever else is.
SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "x-api-key"})
# Settings whose values are secrets: scrubbed from every log line if they ever appear in one.
# Both lists come from the one declaration of the settings (flask_track/config.py SETTINGS).
SECRET_SETTINGS = tuple(setting.config_key for setting in SETTINGS if setting.secret)
URL_SETTINGS = (
    *(setting.config_key for setting in SETTINGS if setting.url),
    "SQLALCHEMY_DATABASE_URI",  # DATABASE_URL resolved by core.database
)


def redacted_headers(headers: Any) -> dict[str, str]:
    """The request headers as a dict, credentials masked (for an error record)."""
    return {
        name: (MASK if name.lower() in SECRET_HEADERS else value) for name, value in headers.items()
    }


def _secrets() -> list[str]:
    """The values no log line may contain: the app's secrets and this request's credentials."""
    found: list[str] = []
    config = current_app.config
    found += [str(config[name]) for name in SECRET_SETTINGS if config.get(name)]
    for name in URL_SETTINGS:
        if config.get(name):
            try:
                password = make_url(str(config[name])).password
            except Exception:  # noqa: S112 - a value that is no URL holds no password to hide
                continue
            if password:
                found.append(str(password))
    if has_request_context():
        for name in SECRET_HEADERS:
            value = request.headers.get(name)
            if value:
                found.append(value)
                # "Bearer <token>": the token alone may appear in a message too.
                found.extend(part for part in value.split() if len(part) >= 8)
    return [value for value in found if len(value) >= 4]


def scrub(text: str, secrets: list[str]) -> str:
    """`text` with every secret replaced by ***."""
    # Longest first, so a secret that contains another is masked whole.
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


# Where record_json() keeps a record's line, so every handler reuses one formatting.
_JSON_ATTR = "_flask_track_json"
# json.dumps(..., ensure_ascii=False, default=str) builds a new encoder on every call; this
# is the same encoder, built once (its encode() keeps no state between calls).
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
# A JSON string literal of a str, as _ENCODER writes it (ensure_ascii=False).
_quote = json.encoder.encode_basestring


def record_json(record: logging.LogRecord) -> str:
    """The record as one line of JSON, built once however many handlers ask for it."""
    line = record.__dict__.get(_JSON_ATTR)
    if line is None:
        line = _ENCODER.encode(record_to_dict(record))
        setattr(record, _JSON_ATTR, line)
    return line


def access_line(
    ts: str,
    logger_name: str,
    request_id: str,
    method: str,
    path: str,
    status: int,
    duration_ms: float,
) -> str:
    """The access record's JSON line: what record_json() builds from its record.

    Written with one f-string (tests/test_core_logging compares it with the generic
    encoder's line): this runs for every request, and the generic path (a dict, then the
    encoder) costs several times as much. Strings that come from the client (method, path)
    go through the encoder's own string quoting.
    """
    return (
        f'{{"ts": "{ts}", "level": "INFO", '
        f'"logger": {_quote(logger_name)}, "message": "request", '
        f'"request_id": {_quote(request_id)}, "method": {_quote(method)}, '
        f'"path": {_quote(path)}, "status": {status:d}, "duration_ms": {duration_ms!r}}}'
    )


def access_record(
    logger: logging.Logger,
    request_id: str,
    method: str,
    path: str,
    status: int,
    duration_ms: float,
) -> logging.LogRecord:
    """The access record of one request (INFO "request"), its JSON line already made."""
    fields = {"method": method, "path": path, "status": status, "duration_ms": duration_ms}
    # makeRecord + handle is what .info() does, minus findCaller's walk up the stack for a
    # file and line nobody reads. The id stamped here spares each handler's filter a lookup.
    record = logger.makeRecord(
        logger.name,
        logging.INFO,
        __file__,
        0,
        "request",
        (),
        None,
        extra={"fields": fields, "request_id": request_id},
    )
    ts = iso_timestamp(record.created)
    line = access_line(ts, logger.name, request_id, method, path, status, duration_ms)
    setattr(record, _JSON_ATTR, line)
    return record


def log_access_line(
    logger: logging.Logger,
    request_id: str,
    method: str,
    path: str,
    status: int,
    duration_ms: float,
) -> None:
    """Log one request's access record on `logger` at INFO.

    When every handler it would reach is one of ours that takes a finished line (stdout,
    p09's buffer), the line goes to them directly, without a LogRecord: making the record
    and dispatching it through two handlers cost more than the line itself, on every
    request (issue 11). Any other handler or filter on the way (one a user attached to
    `flask_track.access`, pytest's, a changed level or formatter) gets the record through
    logging, exactly as `logger.info` would have delivered it.
    """
    if logger.disabled or not logger.isEnabledFor(logging.INFO):
        return
    sinks = line_sinks(logger)
    if sinks is None:
        logger.handle(access_record(logger, request_id, method, path, status, duration_ms))
        return
    line = access_line(iso_now(), logger.name, request_id, method, path, status, duration_ms)
    for sink in sinks:
        try:
            sink.emit_line(request_id, line)
        except Exception:  # a failing sink reports through logging, never raises
            # The record path again, for this sink only: its emit() reports the failure
            # the way logging does (handleError), and the request goes on.
            sink.emit(access_record(logger, request_id, method, path, status, duration_ms))


def line_sinks(logger: logging.Logger) -> list[LineSink] | None:
    """The handlers an INFO record of `logger` reaches, if all take lines; else None.

    Walks the loggers as `Logger.callHandlers` does (the logger, then its parents while
    they propagate). None as soon as anything there needs the record itself: a filter on a
    logger, a handler that is not a LineSink or does not take the plain line, or no handler
    at all (logging's last resort then decides).
    """
    sinks: list[LineSink] = []
    current: logging.Logger | None = logger
    while current is not None:
        if current.filters:
            return None
        for handler in current.handlers:
            if not (isinstance(handler, LineSink) and handler.takes_lines()):
                return None
            sinks.append(handler)
        current = current.parent if current.propagate else None
    return sinks or None


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        return record_json(record)


# The last whole second formatted, as (seconds, "YYYY-MM-DDTHH:MM:SS"): every record of the
# same second reuses it (a tuple: one assignment replaces both at once, safe across threads).
_last_second: tuple[int, str] = (-1, "")


def iso_timestamp(created: float) -> str:
    """`created` as ISO 8601 UTC with milliseconds, as datetime.isoformat(timespec="milliseconds").

    What datetime.fromtimestamp(created, UTC).isoformat(...) gives, at a third of its cost:
    the date and time of the second are formatted once per second, not once per record.
    """
    # The same arithmetic as datetime.fromtimestamp: round to microseconds, then cut to ms.
    fraction, whole = math.modf(created)
    seconds, micros = int(whole), round(fraction * 1e6)
    if micros >= 1_000_000:
        seconds, micros = seconds + 1, micros - 1_000_000
    return f"{_second_text(seconds)}.{micros // 1000:03d}+00:00"


def iso_now() -> str:
    """Now, as iso_timestamp() writes a record's time (the clock of LogRecord.created)."""
    seconds, nanos = divmod(time.time_ns(), 1_000_000_000)
    return f"{_second_text(seconds)}.{nanos // 1_000_000:03d}+00:00"


def _second_text(seconds: int) -> str:
    """The date and time of a whole second, "YYYY-MM-DDTHH:MM:SS", made once per second."""
    global _last_second
    cached_second, text = _last_second
    if cached_second != seconds:
        text = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        _last_second = (seconds, text)
    return text


def record_to_dict(record: logging.LogRecord) -> dict[str, Any]:
    """The structured form of a record: what the JSON line and p09's buffer hold."""
    data: dict[str, Any] = {
        "ts": iso_timestamp(record.created),
        "level": record.levelname,
        "logger": record.name,
        "message": record.getMessage(),
    }
    request_id = getattr(record, "request_id", None)
    if request_id:
        data["request_id"] = request_id
    data.update(getattr(record, "fields", {}) or {})
    if record.exc_info and record.exc_info[0] is not None:
        data["exc_type"] = record.exc_info[0].__name__
        data["traceback"] = "".join(traceback.format_exception(*record.exc_info))
    if record.levelno >= logging.WARNING and has_app_context():
        # Warnings and errors carry exception texts, which may quote a secret (a URL with its
        # password, the header a bug echoed): mask every known secret before it is written.
        secrets = _secrets()
        for key in ("message", "traceback"):
            if isinstance(data.get(key), str):
                data[key] = scrub(data[key], secrets)
    return data


class RequestIdFilter(logging.Filter):
    """Stamp the current request id on every record made inside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id()
        return True


class LockFreeHandler(logging.Handler):
    """A handler whose `handle` filters and emits without the handler lock.

    For handlers whose emit is already safe without it (one write() of a whole line, or a
    store with its own lock): logging's lock would serialize every request's log line.
    """

    def handle(self, record: logging.LogRecord) -> bool:
        """Filter, then emit without the handler lock."""
        passed = bool(self.filter(record))
        if passed:
            self.emit(record)
        return passed


class LineSink(LockFreeHandler):
    """A handler whose output is the record's JSON line, given as is to `emit_line`.

    `log_access_line` hands such handlers the access line without making a LogRecord;
    any other record comes through `emit` as usual.
    """

    def emit_line(self, request_id: str | None, line: str) -> None:
        """Output one record's finished JSON line."""
        raise NotImplementedError

    def takes_lines(self) -> bool:
        """Whether `emit_line` is all this handler would do with an INFO access record.

        True while its level lets INFO through and its only filters stamp request ids (the
        direct line already carries the id); a filter someone added needs the record.
        """
        if self.level > logging.INFO:
            return False
        for found in self.filters:  # noqa: SIM110 - a loop, no generator: runs per request
            if type(found) is not RequestIdFilter:
                return False
        return True

    def emit(self, record: logging.LogRecord) -> None:
        """The record's line, to emit_line; a failure is logging's to report, never raised."""
        try:
            self.emit_line(getattr(record, "request_id", None), self.format(record))
        except RecursionError:
            raise
        except Exception:  # a logging failure must never break the request that logged
            self.handleError(record)

    def format(self, record: logging.LogRecord) -> str:
        """The record's JSON line."""
        return record_json(record)


class StdoutHandler(LineSink, logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that always writes to the current sys.stdout (pytest's capsys too).

    It takes no handler lock: each record is one complete line handed to one write, so
    nothing can interleave inside a line. The lock of a plain StreamHandler is held across
    write and flush, a system call: under gunicorn's threads every request's access line
    queued behind it, which cost more than the view. For the same reason a line for the
    process's own stdout skips the text stream (see emit_line).
    """

    def __init__(self) -> None:
        super().__init__(sys.stdout)

    @property
    def stream(self) -> TextIO:
        return sys.stdout

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass

    def format(self, record: logging.LogRecord) -> str:
        """The line its formatter makes (a JsonFormatter: the record's JSON line)."""
        return logging.Handler.format(self, record)

    def takes_lines(self) -> bool:
        """Lines as they are only while its formatter is the JSON one."""
        return type(self.formatter) is JsonFormatter and LineSink.takes_lines(self)

    def emit_line(self, request_id: str | None, line: str) -> None:
        """Write the line, whole and at once (or hand it to the batch, see batch_stdout)."""
        stream = sys.stdout
        if stream is sys.__stdout__ and stream is not None:
            # The process's own stdout (a served app): one os.write of the encoded line. The
            # text stream's buffered writer takes a lock and holds it through the system
            # call; under gunicorn's threads each request's line queued behind the previous
            # one, and the GIL changed hands twice per wait (issue 11, bench/README.md).
            # Nothing else writes to this stream unflushed: every app log line comes here.
            data = (line + "\n").encode(stream.encoding, stream.errors or "strict")
            batch = _batch
            if batch is not None and batch.stream is stream:
                batch.add(data)
            else:
                write_all(stream.fileno(), data)
            return
        stream.write(line + self.terminator)  # a replaced stdout: pytest's capture, a test's
        stream.flush()

    def emit(self, record: logging.LogRecord) -> None:
        """The record's line; a warning or worse also writes out what the batch holds."""
        super().emit(record)
        batch = _batch
        if record.levelno >= logging.WARNING and batch is not None:
            batch.flush()  # an error is on stdout before the request that logged it ends


class LineBatch:
    """Lines for one file descriptor, written together every `interval` seconds.

    A served app's request threads only append (a deque append holds the GIL throughout,
    no lock, no system call); one daemon thread writes what has gathered with a single
    os.write. Every system call lets go of the GIL, and under gunicorn's threads giving it
    up on every request (for its access line) made it change hands and come back each time:
    the write cost more than the line (issue 11, bench/README.md). Lines leave in the order
    they were added, at most `interval` late; a warning or worse flushes at once, and the
    process's exit flushes what is left (a SIGKILL loses at most `interval` of lines).
    """

    def __init__(self, stream: TextIO, interval: float) -> None:
        self.stream = stream
        self.fd = stream.fileno()
        self.interval = interval
        self._lines: deque[bytes] = deque()
        self._write_lock = threading.Lock()  # one writer at a time keeps the lines in order
        self._started = False
        os.register_at_fork(after_in_child=self._forked)

    def add(self, data: bytes) -> None:
        """Queue one encoded line; the first line of a process starts its writer thread."""
        self._lines.append(data)
        if not self._started:
            self._start()

    def _start(self) -> None:
        with self._write_lock:
            if self._started:
                return
            self._started = True
            threading.Thread(target=self._run, name="flask_track-log-batch", daemon=True).start()

    def _forked(self) -> None:
        # A forked child has no writer thread (only the forking thread survives a fork) and
        # must not write its parent's queued lines twice: it starts afresh.
        self._started = False
        self._lines.clear()
        self._write_lock = threading.Lock()

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            self.flush()

    def flush(self) -> None:
        """Write every queued line now, oldest first."""
        with self._write_lock:
            parts = []
            lines = self._lines
            while lines:
                parts.append(lines.popleft())
            # OSError: stdout is gone (a closed pipe), the lines cannot be written anywhere.
            with contextlib.suppress(OSError):
                if parts:
                    write_all(self.fd, b"".join(parts))


# The served app's batch for stdout (batch_stdout), or None: every line written at once.
_batch: LineBatch | None = None


def batch_stdout(interval: float = 0.05) -> None:
    """Write this process's stdout log lines in batches every `interval` s (a served worker).

    Only for the process's own stdout: a replaced sys.stdout (pytest's capture) is still
    written line by line. Idempotent.
    """
    global _batch
    stream = sys.__stdout__
    if _batch is not None or stream is None:
        return
    try:
        batch = LineBatch(stream, interval)
    except (OSError, ValueError):
        return  # no file descriptor behind stdout: keep writing line by line
    _batch = batch
    atexit.register(batch.flush)


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is out (a pipe or a signal may take a line in parts)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def configure_logging(level: int = logging.INFO) -> logging.Logger:
    """Attach the JSON stdout handler to the app's logger tree once per process."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if not any(isinstance(h, StdoutHandler) for h in logger.handlers):
        handler = StdoutHandler()
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestIdFilter())
        logger.addHandler(handler)
    # The JSON handler is the one place records go; no duplicates through the root logger.
    logger.propagate = False
    return logger
