"""p39 request-timing (CATALOG Level 4): GET /p39/slow?ms= and GET /p39/stats.

Choices where the catalog is silent (also in the Flask track's p39 NOTES.md):
- `ms` is required: plain decimal digits 0-2000; anything else → 422 naming `ms`.
- `Server-Timing` starts with §0's `app;dur=` (the whole request) and also carries a
  `sleep;dur=` metric; both are ≥ ms.
- `/p39/stats` answers `{"items":[{"method","route","count","p50_ms","p95_ms"}],"count"}`
  for the routes of p39 itself (at least `GET /p39/slow` once it was called). `count` is every
  request of the route since the process started; p50/p95 are nearest-rank percentiles over
  the route's most recent 100 requests (a bounded window: memory never grows).
- Every request of a route counts, refused ones (422) included.
- The statistics live in one process: the cases reading them are `process_local`, and every
  case that calls /p39/slow holds `slow_lock`, so counts seen by one case are its own alone.
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_validation_error,
    header_value,
)
from contracts.harness.http import make_client

SLOW_ROUTE = ("GET", "/p39/slow")
WINDOW = 100
METRIC = re.compile(r"^([A-Za-z0-9!#$%&'*+.^_`|~-]+)(.*)$")
DUR = re.compile(r";\s*dur=([0-9]+(?:\.[0-9]+)?)")


@pytest.fixture
def slow_lock(target) -> Iterator[None]:
    """Serialise the cases that call /p39/slow (pytest -n N runs on one machine): a case that
    counts requests must not see another case's requests."""
    name = hashlib.sha256(target.base_url.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"contracts-p39-slow-{name}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def server_timing(response) -> list[tuple[str, float | None]]:
    """The Server-Timing metrics in order: (name, dur or None)."""
    metrics = []
    for part in header_value(response, "server-timing").split(","):
        found = METRIC.match(part.strip())
        assert found, describe(response, f"a Server-Timing metric, got {part!r}")
        dur = DUR.search(found.group(2))
        metrics.append((found.group(1), float(dur.group(1)) if dur else None))
    return metrics


def slow_stats(api) -> dict | None:
    """The /p39/stats item of GET /p39/slow (None before its first request)."""
    response = api.get("/p39/stats")
    body = expect_json(response, 200)
    items = body.get("items")
    assert isinstance(items, list) and body.get("count") == len(items), describe(
        response, "items and count == len(items)"
    )
    for item in items:
        if (item.get("method"), item.get("route")) == SLOW_ROUTE:
            return item
    return None


def slow_count(api) -> int:
    item = slow_stats(api)
    return 0 if item is None else item["count"]


def call_slow_concurrently(target, values: list[int]) -> list:
    """Send GET /p39/slow?ms=v for every v at once (one thread each); the responses."""
    with make_client(target.base_url, timeout=30) as client, ThreadPoolExecutor(20) as pool:
        return list(pool.map(lambda ms: client.get("/p39/slow", params={"ms": ms}), values))


@case("p39.slow-sleeps")
@pytest.mark.parametrize("ms", [0, 150])
def test_slow_answers_after_sleeping(api, slow_lock, ms):
    """GET /p39/slow?ms=N → 200 {"ms": N, ...}."""
    response = api.get("/p39/slow", params={"ms": ms})
    body = expect_json(response, 200)
    assert body.get("ms") == ms, describe(response, f'"ms": {ms}')


@case("p39.server-timing-app-first")
def test_server_timing_app_metric_first_and_at_least_ms(api, slow_lock):
    """Server-Timing: the first metric is `app` with a dur ≥ the ms slept."""
    response = api.get("/p39/slow", params={"ms": 200})
    expect_json(response, 200)
    metrics = server_timing(response)
    assert metrics[0][0] == "app" and metrics[0][1] is not None, describe(
        response, "Server-Timing starting with app;dur=..."
    )
    assert metrics[0][1] >= 200, describe(response, "app;dur= ≥ 200")


@case("p39.server-timing-sleep-metric")
def test_server_timing_has_a_sleep_metric_of_at_least_ms(api, slow_lock):
    """Server-Timing also carries `sleep;dur=` ≥ ms (a view's own metric next to app's)."""
    response = api.get("/p39/slow", params={"ms": 120})
    expect_json(response, 200)
    durations = dict(server_timing(response))
    assert durations.get("sleep") is not None and durations["sleep"] >= 120, describe(
        response, "a sleep;dur= metric ≥ 120"
    )


@case("p39.bad-ms-422")
@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"ms": "-1"}, id="negative"),
        pytest.param({"ms": "2001"}, id="over-2000"),
        pytest.param({"ms": "abc"}, id="letters"),
        pytest.param({"ms": "1.5"}, id="decimal"),
        pytest.param({"ms": "1e3"}, id="exponent"),
        pytest.param({"ms": ""}, id="empty"),
        pytest.param({"ms": " 5"}, id="space"),
        pytest.param({"ms": "9" * 30}, id="huge"),
        pytest.param({}, id="missing"),
    ],
)
def test_bad_ms_is_422(api, slow_lock, params):
    """ms outside 0-2000, not plain digits, or missing → 422 naming `ms` (no sleep)."""
    expect_validation_error(api.get("/p39/slow", params=params), "ms")


@case("p39.stats-shape")
@pytest.mark.process_local
def test_stats_list_the_slow_route(api, slow_lock):
    """After a call, /p39/stats has GET /p39/slow with an integer count ≥ 1 and numbers
    p50_ms ≤ p95_ms."""
    api.get("/p39/slow", params={"ms": 0})
    item = slow_stats(api)
    assert item is not None, "GET /p39/stats lists GET /p39/slow after a call"
    assert isinstance(item.get("count"), int) and item["count"] >= 1, f"count ≥ 1: {item}"
    p50, p95 = item.get("p50_ms"), item.get("p95_ms")
    assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in (p50, p95)), (
        f"numeric p50_ms and p95_ms: {item}"
    )
    assert 0 <= p50 <= p95, f"0 ≤ p50_ms ≤ p95_ms: {item}"


@case("p39.stats-count-sequential")
@pytest.mark.process_local
def test_stats_count_rises_by_one_per_request(api, slow_lock):
    """Three calls of /p39/slow → its count rises by exactly 3."""
    before = slow_count(api)
    for _ in range(3):
        expect_json(api.get("/p39/slow", params={"ms": 0}), 200)
    assert slow_count(api) == before + 3, "count rose by exactly 3"


@case("p39.refused-requests-counted")
@pytest.mark.process_local
def test_a_refused_request_counts_too(api, slow_lock):
    """A 422 of /p39/slow (ms=abc) is a request of the route: its count rises by 1."""
    before = slow_count(api)
    expect_validation_error(api.get("/p39/slow", params={"ms": "abc"}), "ms")
    assert slow_count(api) == before + 1, "count rose by exactly 1"


@case("p39.stats-count-concurrent")
@pytest.mark.process_local
def test_twenty_concurrent_requests_count_exactly_twenty(api, target, slow_lock):
    """20 concurrent calls of /p39/slow → its count rises by exactly 20 (no lost update)."""
    before = slow_count(api)
    responses = call_slow_concurrently(target, [20] * 20)
    assert [r.status_code for r in responses] == [200] * 20, [r.status_code for r in responses]
    after = slow_count(api)
    assert after == before + 20, f"count {before} → {after}, expected {before + 20}"


@case("p39.stats-percentiles")
@pytest.mark.process_local
def test_p50_and_p95_are_percentiles_of_the_recent_window(api, target, slow_lock):
    """The window's 100 most recent requests: 90 at ms=0 and 10 at ms=600 → p95 ≥ 600 (the
    95th of 100 ordered durations is a slow one), p50 < 600 (the 50th is a fast one)."""
    values = [0] * (WINDOW - 10) + [600] * 10
    responses = call_slow_concurrently(target, values)
    assert all(r.status_code == 200 for r in responses), [r.status_code for r in responses]
    item = slow_stats(api)
    assert item is not None, "GET /p39/slow in /p39/stats"
    assert item["p95_ms"] >= 600, f"p95_ms ≥ 600 with 10 of 100 requests sleeping 600 ms: {item}"
    assert item["p50_ms"] < 600, f"p50_ms < 600 with 90 of 100 requests not sleeping: {item}"
