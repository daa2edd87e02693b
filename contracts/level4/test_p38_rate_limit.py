"""p38 rate-limit (CATALOG Level 4): GET /p38/limited, 5 requests a minute per client.

The client is the user of a valid token, else the peer address. Cases that count go through a
fresh user (its own quota). The suite talks to the server from one address, so the one
anonymous case does not assume a fresh address quota: it only needs a 429 within 6 requests.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from contracts.harness import case, describe, expect_json, expect_problem, header_value
from contracts.harness.http import make_client
from contracts.level3.auth_helpers import bearer, expect_token_problem, get_token

POLICY = '"p38";q=5;w=60'
RATE_LIMIT = re.compile(r'"p38";r=([0-9]+);t=([0-9]+)')


def rate_limit(response: httpx.Response) -> tuple[int, int]:
    """RateLimit-Policy is exactly the policy; RateLimit's remaining r and reset t."""
    assert header_value(response, "ratelimit-policy") == POLICY, describe(
        response, f"RateLimit-Policy: {POLICY}"
    )
    found = RATE_LIMIT.fullmatch(header_value(response, "ratelimit"))
    assert found, describe(response, 'RateLimit: "p38";r=<remaining>;t=<seconds>')
    remaining, reset = int(found.group(1)), int(found.group(2))
    assert 0 <= remaining <= 5 and 0 <= reset <= 60, describe(response, "0<=r<=5 and 0<=t<=60")
    return remaining, reset


def expect_429(response: httpx.Response) -> None:
    """429 rate-limited with Retry-After (whole seconds, 1-60) and r=0."""
    expect_problem(response, 429, "rate-limited")
    retry = header_value(response, "retry-after")
    assert retry.isdigit() and 1 <= int(retry) <= 60, describe(response, "Retry-After: 1..60")
    assert rate_limit(response)[0] == 0, describe(response, "RateLimit r=0 on a 429")


@case("p38.sixth-request-429")
def test_the_sixth_request_in_a_minute_is_429(api, user):
    """A user's 5 requests → 200; the 6th → 429 rate-limited with Retry-After."""
    for _ in range(5):
        expect_json(api.get("/p38/limited", headers=user.headers), 200)
    expect_429(api.get("/p38/limited", headers=user.headers))


@case("p38.ratelimit-fields")
def test_every_response_carries_the_ratelimit_fields(api, user):
    """Each 200 carries RateLimit-Policy "p38";q=5;w=60 and RateLimit r=4,3,2,1,0 (t ≤ 60);
    the 429 carries them too, with r=0."""
    seen = []
    for _ in range(5):
        response = api.get("/p38/limited", headers=user.headers)
        expect_json(response, 200)
        seen.append(rate_limit(response)[0])
    assert seen == [4, 3, 2, 1, 0], describe(response, f"r = 4,3,2,1,0 (got {seen})")
    expect_429(api.get("/p38/limited", headers=user.headers))


@case("p38.other-user-unaffected")
def test_another_user_is_not_limited_by_the_first(api, make_user):
    """User A used up its quota (429); user B's first request → 200 with r=4."""
    first, second = make_user(), make_user()
    first_headers = bearer(get_token(api, first.email, first.password))
    second_headers = bearer(get_token(api, second.email, second.password))
    for _ in range(5):
        expect_json(api.get("/p38/limited", headers=first_headers), 200)
    expect_429(api.get("/p38/limited", headers=first_headers))
    response = api.get("/p38/limited", headers=second_headers)
    expect_json(response, 200)
    assert rate_limit(response)[0] == 4, describe(response, "RateLimit r=4 for the other user")


@case("p38.invalid-token-401")
@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Bearer not-a-jwt", id="garbage"),
        pytest.param("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", id="alg-none"),
        pytest.param("Basic dXNlcjpwYXNz", id="not-bearer"),
    ],
)
def test_an_invalid_token_is_401_not_anonymous(api, authorization):
    """An Authorization header that is not a valid access token → 401 token-invalid (the
    request is not counted as anonymous)."""
    response = api.get("/p38/limited", headers={"Authorization": authorization})
    expect_token_problem(response, "token-invalid")


@case("p38.concurrent-exactly-five")
def test_20_concurrent_requests_get_exactly_5_successes(target, user):
    """20 concurrent requests of one user (any worker) → exactly 5 x 200 and 15 x 429:
    the check and the count are one atomic step."""
    start = threading.Barrier(20)

    def one(_: int) -> httpx.Response:
        with make_client(target.base_url) as client:
            start.wait(timeout=10)
            return client.get("/p38/limited", headers=user.headers)

    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(one, range(20)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 5 + [429] * 15, describe(
        responses[0], f"5 x 200 and 15 x 429 (got {statuses})"
    )
    for response in [r for r in responses if r.status_code == 429]:
        expect_429(response)


@case("p38.forwarded-for-ignored")
def test_x_forwarded_for_does_not_make_a_new_client(api, unique):
    """Anonymous, with TRUSTED_PROXY_HOPS=0 (the harness's setting): 6 requests, each with a
    different X-Forwarded-For, share the peer address's quota → a 429 among them."""
    statuses = []
    for number in range(6):
        response = api.get("/p38/limited", headers={"X-Forwarded-For": f"203.0.113.{number + 1}"})
        assert response.status_code in (200, 429), describe(response, "200 or 429")
        rate_limit(response)
        statuses.append(response.status_code)
    assert 429 in statuses, describe(
        response,
        f"a 429 within 6 requests of one address (got {statuses}): X-Forwarded-For "
        "must not count as a new client",
    )
