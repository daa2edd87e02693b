"""p39: the statistics (nearest rank, bounded window, no lost counts) and where they are kept."""

from __future__ import annotations

import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track.concepts.p39_request_timing import routes
from flask_track.concepts.p39_request_timing.stats import WINDOW, LatencyStats, nearest_rank


def test_nearest_rank_picks_measured_values() -> None:
    """p50 of 1..100 is 50 and p95 is 95; one sample is every percentile."""
    values = [float(v) for v in range(1, 101)]
    assert nearest_rank(values, 50) == 50.0
    assert nearest_rank(values, 95) == 95.0
    assert nearest_rank([7.0], 50) == nearest_rank([7.0], 95) == 7.0


def test_the_window_is_bounded_but_the_count_is_not() -> None:
    """After 10 x WINDOW samples only WINDOW are kept, the newest; count is all of them."""
    stats = LatencyStats()
    for value in range(10 * WINDOW):
        stats.record("GET", "/p39/slow", float(value))
    (item,) = stats.snapshot()
    assert item["count"] == 10 * WINDOW
    assert item["window"] == WINDOW
    assert item["p50_ms"] == float(10 * WINDOW - WINDOW // 2 - 1)  # from the newest WINDOW


def test_concurrent_records_are_never_lost() -> None:
    """8 threads x 5,000 records: the count is exactly 40,000 (the lock makes += atomic)."""
    stats = LatencyStats()

    def work() -> None:
        for _ in range(5000):
            stats.record("GET", "/p39/slow", 1.0)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stats.snapshot()[0]["count"] == 40_000


def test_only_p39_routes_are_recorded(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other concepts' routes cost nothing: a request to /p01/health is not recorded, and the
    hook is the blueprint's own (not in the app-wide list)."""
    fresh = LatencyStats()
    monkeypatch.setattr(routes, "STATS", fresh)
    assert client.get("/p01/health").status_code == 200
    assert client.get("/p39/slow?ms=0").status_code == 200
    assert client.get("/p39/slow?ms=x").status_code == 422
    assert client.get("/p39/nothing-here").status_code == 404
    items = {(i["method"], i["route"]): i["count"] for i in fresh.snapshot()}
    assert items == {("GET", "/p39/slow"): 2}
    assert routes.record_duration not in app.after_request_funcs.get(None, [])
    assert routes.record_duration in app.after_request_funcs["p39"]


def test_server_timing_keeps_app_first(client: FlaskClient) -> None:
    """The view's sleep metric comes after core's app metric, both at least ms."""
    response = client.get("/p39/slow?ms=30")
    metrics = [m.strip() for m in response.headers["Server-Timing"].split(",")]
    assert metrics[0].startswith("app;dur=") and metrics[1].startswith("sleep;dur=")
    assert all(float(m.split("dur=")[1]) >= 30 for m in metrics)
