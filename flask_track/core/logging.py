"""One JSON object per line on stdout: the access log and every app log record.

Records carry structured fields in `record.fields` (passed as `extra={"fields": {...}}`).
The request id is added to every record made during a request, so a learner can follow one
request through the log with `grep`.
"""

from __future__ import annotations

import json
import logging
import math
import sys
import traceback
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


def access_record(
    logger: logging.Logger,
    request_id: str,
    method: str,
    path: str,
    status: int,
    duration_ms: float,
) -> logging.LogRecord:
    """The access record of one request (INFO "request"), its JSON line already made.

    The line is the one record_json() would build from the record (tests/test_core_logging
    compares them), written with one f-string: this runs for every request, and the generic
    path (a dict, then the encoder) costs several times as much. Strings that come from the
    client (method, path) go through the encoder's own string quoting.
    """
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
    line = (
        f'{{"ts": "{iso_timestamp(record.created)}", "level": "INFO", '
        f'"logger": {_quote(logger.name)}, "message": "request", '
        f'"request_id": {_quote(request_id)}, "method": {_quote(method)}, '
        f'"path": {_quote(path)}, "status": {status:d}, "duration_ms": {duration_ms!r}}}'
    )
    setattr(record, _JSON_ATTR, line)
    return record


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
    global _last_second
    # The same arithmetic as datetime.fromtimestamp: round to microseconds, then cut to ms.
    fraction, whole = math.modf(created)
    seconds, micros = int(whole), round(fraction * 1e6)
    if micros >= 1_000_000:
        seconds, micros = seconds + 1, micros - 1_000_000
    millis = micros // 1000
    cached_second, text = _last_second
    if cached_second != seconds:
        text = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        _last_second = (seconds, text)
    return f"{text}.{millis:03d}+00:00"


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


class StdoutHandler(LockFreeHandler, logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that always writes to the current sys.stdout (pytest's capsys too).

    It takes no handler lock: each record is one complete line handed to one write() call
    (the io stack serializes writes), so nothing can interleave inside a line. The lock of a
    plain StreamHandler is held across write and flush, a system call: under gunicorn's
    threads every request's access line queued behind it, which cost more than the view.
    """

    def __init__(self) -> None:
        super().__init__(sys.stdout)

    @property
    def stream(self) -> TextIO:
        return sys.stdout

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record's JSON line and flush it, once."""
        try:
            stream = sys.stdout
            stream.write(self.format(record) + self.terminator)
            stream.flush()
        except RecursionError:
            raise
        except Exception:  # a logging failure must never break the request that logged
            self.handleError(record)


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
