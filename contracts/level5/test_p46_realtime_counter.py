"""p46 realtime-counter (CATALOG Level 5): a counter pushed live to every subscriber.

Rules checked (contracts/SPEC.md §p46): WS /p46/ws sends `{"type":"count","value":n}` on
connect and after changes; `POST /p46/increment` answers `{"value":n}` atomically (concurrent
increments are never lost); once it has answered n, every subscriber sees a value ≥ n within
1 s, on every worker; the values one subscriber sees never decrease; a subscriber that stops
reading, or vanishes, delays no one else. Runs against two workers + Redis under contracts-pg,
so subscribers and increments land on different processes.
"""

from __future__ import annotations

import itertools
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from websockets.exceptions import InvalidStatus

from contracts.harness import case, describe, expect_json, expect_problem
from contracts.harness.websocket import Session, ws_url

WITHIN_S = 1.0


@pytest.fixture
def subscribe(target):
    """`with subscribe() as ws:` a subscriber whose first count was read (ws.first)."""

    def opener(origin: str | None = None) -> Session:
        return Session(ws_url(target.base_url, "/p46/ws"), origin=origin)

    return opener


def first_count(ws: Session) -> int:
    """The count every connection starts with."""
    message = ws.receive()
    assert isinstance(message, dict) and message.get("type") == "count", ws.describe(
        'a first message {"type":"count","value":n}'
    )
    value = message.get("value")
    assert isinstance(value, int) and not isinstance(value, bool) and value >= 0, ws.describe(
        "value: an integer >= 0"
    )
    return value


def increment(api) -> int:
    """POST /p46/increment → its value, checked."""
    response = api.post("/p46/increment")
    body = expect_json(response, 200)
    value = body.get("value") if isinstance(body, dict) else None
    assert isinstance(value, int) and not isinstance(value, bool) and value >= 1, describe(
        response, '{"value": an integer >= 1}'
    )
    return value


def wait_for(ws: Session, at_least: int, seconds: float) -> list[int]:
    """Counts received until one is >= at_least (or the time is up); all of them."""
    seen: list[int] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = ws.receive(timeout=max(0.01, deadline - time.monotonic()))
        if isinstance(message, dict) and isinstance(message.get("value"), int):
            seen.append(message["value"])
            if message["value"] >= at_least:
                break
    return seen


@case("p46.count-on-connect")
def test_a_subscriber_gets_the_count_at_once(subscribe):
    """The first message after connecting is {"type":"count","value": n >= 0}."""
    with subscribe() as ws:
        first_count(ws)


@case("p46.increment-answers-value")
def test_an_increment_answers_a_larger_value(api, subscribe):
    """POST /p46/increment → 200 {"value": n}, larger than the count before it."""
    with subscribe() as ws:
        before = first_count(ws)
    assert increment(api) > before


@case("p46.subscribers-see-increment-within-1s")
def test_every_subscriber_sees_the_new_value_within_a_second(api, subscribe):
    """Once the increment answered n, each of 3 subscribers sees a count >= n within 1 s."""
    sessions = [subscribe() for _ in range(3)]
    for ws in sessions:
        ws.__enter__()
    try:
        for ws in sessions:
            first_count(ws)
        for _ in range(3):
            n = increment(api)
            answered = time.monotonic()
            for ws in sessions:
                seen = wait_for(ws, n, WITHIN_S - (time.monotonic() - answered))
                assert seen and seen[-1] >= n, ws.describe(f"a count >= {n} within 1 s")
    finally:
        for ws in sessions:
            ws.__exit__(None, None, None)


@case("p46.values-never-decrease")
def test_the_counts_one_subscriber_sees_never_decrease(api, subscribe):
    """While 20 increments run at once, one subscriber's counts never go down."""
    with subscribe() as ws:
        seen = [first_count(ws)]
        with ThreadPoolExecutor(max_workers=20) as pool:
            values = list(pool.map(lambda _: increment(api), range(20)))
        seen += wait_for(ws, max(values), 3 * WITHIN_S)
        drops = [(a, b) for a, b in itertools.pairwise(seen) if b < a]
        assert not drops, ws.describe(f"counts never decrease, saw {seen}")
        assert seen[-1] >= max(values), ws.describe(f"a count >= {max(values)}")


@case("p46.concurrent-increments-not-lost")
def test_twenty_concurrent_increments_are_twenty_values(api):
    """20 increments at once (on two workers) → 20 answers with 20 different values."""
    with ThreadPoolExecutor(max_workers=20) as pool:
        values = list(pool.map(lambda _: increment(api), range(20)))
    assert len(set(values)) == 20, f"20 different values (a lost update repeats one): {values}"


@case("p46.slow-subscriber-blocks-no-one")
def test_a_stalled_or_vanished_subscriber_delays_no_one(api, subscribe, target):
    """A subscriber that never reads and one that vanished: the others still get counts in 1 s."""
    stalled = subscribe()
    stalled.__enter__()  # connected, greeted, and never read again
    vanished = socket.create_connection(urlsplit_hostport(target.base_url), timeout=5)
    vanished.sendall(handshake(target.base_url))
    vanished.close()  # gone without a close frame
    try:
        with subscribe() as ws:
            first_count(ws)
            for _ in range(30):
                n = increment(api)
            seen = wait_for(ws, n, WITHIN_S)
            assert seen and seen[-1] >= n, ws.describe(
                f"a count >= {n} within 1 s despite the stalled subscriber"
            )
    finally:
        stalled.__exit__(None, None, None)


@case("p46.plain-http-refused")
def test_a_plain_http_request_is_a_problem(api):
    """GET /p46/ws without the WebSocket upgrade → 400 (or 426) problem+json."""
    response = api.get("/p46/ws")
    assert response.status_code in (400, 426), describe(response, "400 or 426 Upgrade Required")
    expect_problem(response, response.status_code, "about:blank")


@case("p46.foreign-origin-refused")
def test_a_page_of_another_origin_is_refused(target):
    """A handshake whose `Origin` is neither the server's own nor in CORS_ORIGINS → 403."""
    session = Session(ws_url(target.base_url, "/p46/ws"), origin="http://evil.example")
    with pytest.raises(InvalidStatus) as refused:
        session.__enter__()
    assert refused.value.response.status_code == 403, session.describe("the handshake refused: 403")


def urlsplit_hostport(base_url: str) -> tuple[str, int]:
    """(host, port) of the target, for a raw socket."""
    parts = urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or (443 if parts.scheme == "https" else 80)


def handshake(base_url: str) -> bytes:
    """A minimal WebSocket upgrade request for /p46/ws (RFC 6455 §4.1)."""
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/") + "/p46/ws"
    return (
        f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n"
    ).encode("ascii")
