"""p36 cache (CATALOG Level 4): GET /p36/square/{n} slow, then cached; GET /p36/cache.

Every case uses a fresh `n` (random, 15 digits): a cache that outlives one run (Redis) never
hands a later run a HIT it did not earn.
"""

from __future__ import annotations

import re
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from contracts.harness import case, describe, expect_json, expect_problem, header_value
from contracts.harness.http import make_client
from contracts.harness.ids import NON_INTEGER_IDS

SERVER_TIMING_APP = re.compile(r"(?:^|,)\s*app;dur=([0-9]+(?:\.[0-9]+)?)")


def fresh_n() -> int:
    """An n no earlier run asked for (15 random digits)."""
    return 10**14 + secrets.randbelow(9 * 10**14)


def expect_square(response: httpx.Response, n: int, outcome: str) -> None:
    """200 {"n", "square": n*n} with X-Cache `outcome`."""
    body = expect_json(response, 200)
    assert body.get("n") == n and body.get("square") == n * n, describe(
        response, f'{{"n": {n}, "square": {n * n}}}'
    )
    assert header_value(response, "x-cache") == outcome, describe(response, f"X-Cache: {outcome}")


@case("p36.backend-named")
def test_cache_names_its_backend(api):
    """GET /p36/cache → 200 {"backend": "redis"} or {"backend": "simple"}."""
    response = api.get("/p36/cache")
    body = expect_json(response, 200)
    assert body.get("backend") in ("redis", "simple"), describe(
        response, 'backend "redis"|"simple"'
    )


@case("p36.miss-then-hit")
def test_first_request_is_a_miss_then_a_hit(api):
    """A fresh n → 200 with X-Cache: MISS; the same n again → HIT with the same body."""
    n = fresh_n()
    expect_square(api.get(f"/p36/square/{n}"), n, "MISS")
    expect_square(api.get(f"/p36/square/{n}"), n, "HIT")


@case("p36.miss-is-slow")
def test_a_miss_takes_at_least_200_ms(api):
    """The MISS is computed: its Server-Timing app;dur is at least 200 ms."""
    n = fresh_n()
    response = api.get(f"/p36/square/{n}")
    expect_square(response, n, "MISS")
    found = SERVER_TIMING_APP.search(header_value(response, "server-timing"))
    assert found and float(found.group(1)) >= 200, describe(
        response, "Server-Timing app;dur >= 200 on a MISS"
    )


@case("p36.hit-on-every-worker")
def test_a_hit_is_shared_by_every_worker(target):
    """After the MISS, ten requests on fresh connections (any worker) → all HIT."""
    n = fresh_n()
    with make_client(target.base_url) as client:
        expect_square(client.get(f"/p36/square/{n}"), n, "MISS")
    for _ in range(10):
        with make_client(target.base_url) as client:  # a new connection: maybe another worker
            expect_square(client.get(f"/p36/square/{n}"), n, "HIT")


@case("p36.concurrent-single-flight")
def test_concurrent_first_requests_compute_once(target):
    """20 concurrent first requests for a fresh n → 20 x 200 with n*n, exactly one MISS
    (single flight: the others wait for it and answer HIT)."""
    n = fresh_n()
    start = threading.Barrier(20)

    def one(_: int) -> httpx.Response:
        with make_client(target.base_url) as client:
            start.wait(timeout=10)
            return client.get(f"/p36/square/{n}")

    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(one, range(20)))
    outcomes = []
    for response in responses:
        body = expect_json(response, 200)
        assert body.get("square") == n * n, describe(response, f"square {n * n}")
        outcomes.append(header_value(response, "x-cache"))
    assert outcomes.count("MISS") == 1 and outcomes.count("HIT") == 19, describe(
        responses[0], f"exactly one MISS and 19 HIT among 20 (got {sorted(outcomes)})"
    )


@case("p36.bad-n-404")
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_n_that_is_not_a_plain_integer_is_404(api, raw):
    """n that is not a plain non-negative 64-bit integer → 404 not-found (§0.6)."""
    expect_problem(api.get(f"/p36/square/{raw}"), 404, "not-found")
