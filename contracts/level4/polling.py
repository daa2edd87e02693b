"""Shared steps of the background-work contracts (p33-p35): wait for a worker's outcome.

Not a test module (no cases here). Background work finishes "soon", not within the request:
these helpers poll a status URL or the SMTP sink's folder with a bound, and fail showing
the last response when the bound passes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from email.message import EmailMessage
from typing import Any

import httpx

from contracts.harness import describe, expect_json

# Long enough for a loaded 2-core CI machine with two workers; a healthy worker takes < 1 s.
WORKER_TIMEOUT_S = 30.0


def poll_json(
    api: httpx.Client,
    url: str,
    headers: dict[str, str],
    done: Callable[[dict[str, Any]], bool],
    timeout: float = WORKER_TIMEOUT_S,
) -> dict[str, Any]:
    """GET `url` (200 JSON) until `done(body)`; the last body. Fails after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        response = api.get(url, headers=headers)
        body = expect_json(response, 200)
        if done(body):
            return body
        if time.monotonic() > deadline:
            raise AssertionError(describe(response, f"the background work done within {timeout}s"))
        time.sleep(0.2)


def messages_to(mailbox: Any, address: str) -> list[EmailMessage]:
    """Every message the sink holds for `address`, oldest first."""
    return [m for m in mailbox.messages() if address.lower() in str(m.get("To", "")).lower()]


def wait_for_messages(
    mailbox: Any, address: str, count: int, timeout: float = WORKER_TIMEOUT_S
) -> list[EmailMessage]:
    """Wait until the sink holds at least `count` messages for `address`; return them all."""
    deadline = time.monotonic() + timeout
    while True:
        found = messages_to(mailbox, address)
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(
                f"expected {count} message(s) to {address} in the SMTP sink within {timeout}s, "
                f"found {len(found)}"
            )
        time.sleep(0.2)


def text_of(message: EmailMessage) -> str:
    """The plain-text body of a message."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, f"no text/plain part in the message to {message.get('To')}"
    return str(part.get_content())


RESET_TOKEN = re.compile(r"^Reset token: (\S+)\s*$", re.MULTILINE)


def reset_token_in(message: EmailMessage) -> str:
    """The token of the `Reset token: <token>` line of a p34 email."""
    found = RESET_TOKEN.search(text_of(message))
    assert found, f"no 'Reset token: <token>' line in:\n{text_of(message)}"
    return found.group(1)


def statuses(responses: Iterable[httpx.Response]) -> list[int]:
    """The status codes, sorted (for concurrent cases)."""
    return sorted(r.status_code for r in responses)
