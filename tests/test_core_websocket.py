"""core/websocket.answers_the_close: a view waits for the reader thread once the client closed."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from flask_track.core.websocket import answers_the_close


@dataclass
class FakeConnection:
    """What the wrapper reads of simple-websocket's connection: `connected` and `thread`."""

    connected: bool
    sent: list[str] = field(default_factory=list)
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._answer_the_close, daemon=True)
        self.thread.start()

    def _answer_the_close(self) -> None:
        self.release.wait(5)
        self.sent.append("close 1000")


def test_after_the_client_closed_the_view_returns_only_once_the_close_is_answered() -> None:
    connection = FakeConnection(connected=False)

    @answers_the_close
    def view(ws: Any) -> str:
        # The reader thread answers a moment after the view has seen the connection end.
        threading.Timer(0.05, ws.release.set).start()
        return "done"

    assert view(connection) == "done"
    assert connection.sent == ["close 1000"]
    assert not connection.thread.is_alive()


def test_a_view_ending_on_its_own_does_not_wait() -> None:
    connection = FakeConnection(connected=True)

    @answers_the_close
    def view(ws: Any) -> None:
        return None

    view(connection)
    assert connection.sent == []  # the reader thread is still waiting: nothing was joined
    connection.release.set()
