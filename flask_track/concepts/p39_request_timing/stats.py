"""Per-route latency statistics: a total count and a bounded window of recent durations.

Memory is bounded on purpose: each route keeps its latest WINDOW durations in a ring buffer
(`deque(maxlen=WINDOW)`), never every sample. The count is a plain integer and keeps rising.
The routes are the blueprint's own URL rules (not raw paths), so the number of keys is fixed.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass, field

# The window the percentiles are computed over: the route's most recent 100 requests.
WINDOW = 100


def nearest_rank(ordered: list[float], percent: float) -> float:
    """The nearest-rank percentile of an ascending list (the smallest value with at least
    `percent`% of the samples at or below it): always a value that was really measured."""
    rank = math.ceil(percent / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


@dataclass
class RouteStats:
    """One route's counters: every request counted, the latest WINDOW durations kept."""

    count: int = 0
    window: deque[float] = field(default_factory=lambda: deque(maxlen=WINDOW))


class LatencyStats:
    """Thread-safe per-route statistics of one process (gthread workers serve in threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[tuple[str, str], RouteStats] = {}

    def record(self, method: str, route: str, duration_ms: float) -> None:
        """Count one request of `method route` that took `duration_ms`."""
        with self._lock:  # `count += 1` is a read and a write: two threads could lose one
            stats = self._routes.setdefault((method, route), RouteStats())
            stats.count += 1
            stats.window.append(duration_ms)

    def snapshot(self) -> list[dict[str, object]]:
        """Every route seen so far with its count, p50 and p95 (milliseconds), by route."""
        with self._lock:  # copy under the lock; sort outside it
            copied = [(key, s.count, list(s.window)) for key, s in self._routes.items()]
        items: list[dict[str, object]] = []
        for (method, route), count, window in sorted(copied, key=lambda row: row[0][::-1]):
            ordered = sorted(window)
            items.append(
                {
                    "method": method,
                    "route": route,
                    "count": count,
                    "window": len(ordered),
                    "p50_ms": round(nearest_rank(ordered, 50), 2),
                    "p95_ms": round(nearest_rank(ordered, 95), 2),
                }
            )
        return items
