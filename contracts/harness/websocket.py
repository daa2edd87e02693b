"""WebSocket clients for contract tests (p45, p46): one connection, and its transcript.

Built on the `websockets` sync client. Every frame sent and received is kept, so a failing
assertion shows the whole conversation (`session.describe(expected)`), like `describe` does for
HTTP exchanges.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

TIMEOUT_S = 10.0


def ws_url(base_url: str, path: str) -> str:
    """The ws:// (or wss://) URL of `path` on the target."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + path, "", ""))


@dataclass
class Session:
    """One WebSocket connection with its transcript."""

    url: str
    origin: str | None = None
    connection: ClientConnection | None = None
    transcript: list[str] = field(default_factory=list)
    close_code: int | None = None

    def __enter__(self) -> Session:
        # No size limit on what the server sends; compression off, so sizes are what we send.
        self.connection = connect(
            self.url,
            open_timeout=TIMEOUT_S,
            max_size=None,
            compression=None,
            origin=self.origin,  # type: ignore[arg-type]  # websockets types it as Origin
        ).__enter__()  # the context-manager form websockets asks for; __exit__ closes it
        self.transcript.append(
            f"connected to {self.url}" + (f" (Origin {self.origin})" if self.origin else "")
        )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.connection is not None:
            self.connection.__exit__(kind, error, tb)

    def send(self, message: str | bytes) -> None:
        """Send one frame (text for str, binary for bytes)."""
        assert self.connection is not None
        self.transcript.append(f">>> {_short(message)}")
        self.connection.send(message)

    def receive(self, timeout: float = TIMEOUT_S) -> Any:
        """The next message, parsed as JSON; None when the server closed the connection."""
        assert self.connection is not None
        try:
            raw = self.connection.recv(timeout=timeout)
        except ConnectionClosed as closed:
            self.close_code = closed.rcvd.code if closed.rcvd is not None else None
            self.transcript.append(f"<<< closed (code {self.close_code})")
            return None
        self.transcript.append(f"<<< {_short(raw)}")
        try:
            return json.loads(raw)
        except (TypeError, ValueError):
            return raw

    def close(self, code: int = 1000) -> int | None:
        """Close from this side; the code of the Close frame the server answered with, or None.

        None means the TCP connection ended without the server's Close frame (the client
        then reports 1006, "abnormal closure").
        """
        assert self.connection is not None
        self.transcript.append(f">>> close ({code})")
        self.connection.close(code)
        answer = self.connection.protocol.close_rcvd
        self.close_code = answer.code if answer is not None else None
        self.transcript.append(
            f"<<< close ({self.close_code})" if answer is not None else "<<< EOF, no Close frame"
        )
        return self.close_code

    def describe(self, expected: str) -> str:
        """The failure message: what was expected, and the whole conversation."""
        lines = "\n  ".join(self.transcript[-20:])
        return f"\nexpected: {expected}\nconversation:\n  {lines}"


def _short(message: str | bytes, limit: int = 200) -> str:
    text = repr(message) if isinstance(message, bytes) else message
    return text if len(text) <= limit else f"{text[:limit]}… ({len(message):,} in all)"
