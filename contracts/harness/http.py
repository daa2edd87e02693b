"""An HTTP client that remembers every exchange, so a failure can show what was sent and got."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx

BODY_LIMIT = 2000


def _short(text: str, limit: int = BODY_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more chars]"


def _body_text(content: bytes) -> str:
    if not content:
        return "(empty)"
    try:
        return _short(content.decode("utf-8"))
    except UnicodeDecodeError:
        return f"({len(content)} bytes of binary)"


def format_request(request: httpx.Request) -> str:
    """`METHOD URL`, the headers that matter and the body."""
    lines = [f"{request.method} {request.url}"]
    for name, value in request.headers.items():
        if name.lower() in {"accept-encoding", "connection", "user-agent", "accept"}:
            continue
        lines.append(f"  {name}: {value}")
    content = request.content if hasattr(request, "_content") else b"(streamed)"
    lines.append(f"  body: {_body_text(content) if isinstance(content, bytes) else content}")
    return "\n".join(lines)


def format_response(response: httpx.Response) -> str:
    """Status, headers and body of a response."""
    lines = [f"{response.status_code} {response.reason_phrase}"]
    lines.extend(f"  {name}: {value}" for name, value in response.headers.items())
    try:
        content = response.content
    except httpx.ResponseNotRead:
        content = b"(not read)"
    lines.append(f"  body: {_body_text(content)}")
    return "\n".join(lines)


def describe(response: httpx.Response, expected: str) -> str:
    """The failure message every contract assertion uses: expected, request, response."""
    return (
        f"\nexpected: {expected}\n"
        f"request:  {format_request(response.request)}\n"
        f"response: {format_response(response)}"
    )


@dataclass
class Recorder:
    """The exchanges one test made, newest last."""

    exchanges: list[httpx.Response] = field(default_factory=list)

    def __call__(self, response: httpx.Response) -> None:
        response.read()
        self.exchanges.append(response)

    def render(self, last: int = 6) -> str:
        shown = self.exchanges[-last:]
        skipped = len(self.exchanges) - len(shown)
        parts = [f"({skipped} earlier exchanges not shown)"] if skipped else []
        for response in shown:
            parts.append(format_request(response.request))
            parts.append("-> " + format_response(response))
        return "\n".join(parts)


def make_client(base_url: str, recorder: Recorder | None = None, **kwargs: Any) -> httpx.Client:
    """A client for the target: base URL, no redirects followed, a sane timeout."""
    hooks = {"response": [recorder]} if recorder else {}
    kwargs.setdefault("timeout", httpx.Timeout(15.0, connect=5.0))
    return httpx.Client(base_url=base_url, follow_redirects=False, event_hooks=hooks, **kwargs)


def json_body(response: httpx.Response) -> Any:
    """The parsed JSON body, or an assertion error that shows the exchange."""
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise AssertionError(describe(response, "a JSON body")) from None
