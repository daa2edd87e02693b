"""The newest log records of this process, kept in memory so /p09/logs can show them."""

from __future__ import annotations

import json
import logging
from collections import deque
from typing import Any

from flask_track.core.logging import LOGGER_NAME, LineSink, RequestIdFilter

CAPACITY = 1000

# Fields a record may carry that must not be served over HTTP even to a debugging client:
# a traceback quotes exception text, file paths and locals-derived values (see p08's boom).
WITHHELD = frozenset({"traceback"})


class RingBuffer:
    """The newest `capacity` records; older ones fall off the far end.

    A deque with maxlen drops the oldest entry in O(1) on append. No lock: `append`,
    `clear`, `len` and `tuple(deque)` are each one C call that holds the GIL throughout, so a
    snapshot never sees an append half done. (Iterating the deque itself in Python while
    another thread appends raises RuntimeError: readers take the snapshot first.) A lock here
    was taken by every request of the app, and under gunicorn's threads a thread preempted
    while holding it made the others queue (issue 11).
    Each record is kept as its request id and its JSON line, the very string the stdout
    handler wrote: every request logs, few ask /p09/logs, so parsing waits for the reader.
    """

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._records: deque[tuple[str | None, str]] = deque(maxlen=capacity)

    def append(self, record: dict[str, Any]) -> None:
        """Keep a structured record (stored as JSON, `default=str` like the log line)."""
        self.append_line(record.get("request_id"), json.dumps(record, default=str))

    def append_line(self, request_id: str | None, line: str) -> None:
        """Keep one record's JSON line under its request id."""
        self._records.append((request_id, line))

    def for_request(self, request_id: str) -> list[dict[str, Any]]:
        """The records of one request, oldest first (the order they were logged)."""
        snapshot = tuple(self._records)  # one C call: consistent while others append
        lines = [line for rid, line in snapshot if rid == request_id]
        records = [json.loads(line) for line in lines]
        return [{k: v for k, v in r.items() if k not in WITHHELD} for r in records]

    def clear(self) -> None:
        self._records.clear()

    def __len__(self) -> int:
        return len(self._records)


class BufferHandler(LineSink):  # the ring buffer is safe without a lock (see RingBuffer)
    """A logging handler that keeps each record's JSON line in a RingBuffer."""

    def __init__(self, buffer: RingBuffer) -> None:
        super().__init__()
        self.buffer = buffer
        # The stdout handler stamps request ids through this filter too; having our own copy
        # means the buffer does not depend on which handler happens to run first.
        self.addFilter(RequestIdFilter())

    def emit_line(self, request_id: str | None, line: str) -> None:
        """Keep the line under its request id.

        The JSON line itself (default=str): a field some code logs as an object can never
        make GET /p09/logs fail to serialize. WITHHELD fields are dropped when read.
        """
        self.buffer.append_line(request_id, line)


BUFFER = RingBuffer()
HANDLER = BufferHandler(BUFFER)


def attach() -> None:
    """Feed the buffer from the app's logger tree; idempotent (tests build many apps)."""
    logger = logging.getLogger(LOGGER_NAME)
    if HANDLER not in logger.handlers:
        logger.addHandler(HANDLER)
