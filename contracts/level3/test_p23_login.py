"""p23 login (CATALOG Level 3): POST /p23/login {"email","password"} → 200 {"user":{...}}.

Rate-limit cases use fresh emails (rerunnable) and assume one client address (the suite's).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
    header_value,
)
from contracts.level3.auth_helpers import USER_FIELDS


def login(api, email: str, password: str):
    return api.post("/p23/login", json={"email": email, "password": password})


@case("p23.login-200-user")
def test_login_answers_the_user(api, make_user):
    """Right credentials → 200 {"user":{id,email,display_name,role,created_at}}."""
    account = make_user()
    response = login(api, account.email, account.password)
    body = expect_json(response, 200)
    user = body.get("user")
    assert isinstance(user, dict) and all(f in user for f in USER_FIELDS), describe(
        response, f"a user object with {USER_FIELDS}"
    )
    assert user["id"] == account.id, describe(response, f"the user {account.id}")
    assert account.password not in response.text, describe(response, "no password echoed")


@case("p23.email-case-insensitive")
def test_the_email_matches_in_any_case(api, make_user):
    """Logging in with the email upper-cased works."""
    account = make_user()
    expect_status(login(api, account.email.upper(), account.password), 200)


@case("p23.wrong-password-401")
def test_a_wrong_password_is_401_invalid_credentials(api, make_user):
    """Wrong password → 401 invalid-credentials with WWW-Authenticate."""
    account = make_user()
    response = login(api, account.email, account.password + "x")
    expect_problem(response, 401, "invalid-credentials")
    header_value(response, "www-authenticate")


@case("p23.unknown-email-same-as-wrong-password")
def test_unknown_email_and_wrong_password_look_the_same(api, make_user, unique):
    """Unknown email and wrong password → the same status and body except request_id."""
    account = make_user()
    wrong = login(api, account.email, account.password + "x")
    unknown = login(api, f"nobody-{unique()}@example.com", account.password + "x")
    first = dict(expect_problem(wrong, 401, "invalid-credentials"))
    second = dict(expect_problem(unknown, 401, "invalid-credentials"))
    first.pop("request_id")
    second.pop("request_id")
    assert first == second, describe(unknown, f"the same body as for a wrong password: {first}")
    assert wrong.headers.get("www-authenticate") == unknown.headers.get("www-authenticate"), (
        describe(unknown, "the same WWW-Authenticate as for a wrong password")
    )


@case("p23.unknown-email-not-faster")
def test_an_unknown_email_costs_a_hash_too(api, make_user, unique):
    """Median time for unknown emails is not a fraction of the wrong-password one (the hasher
    runs either way). Lenient (x4) so load does not flake it; a skipped hash is ~50x faster."""
    account = make_user()
    known, unknown = [], []
    for _ in range(4):  # 4 failures: stays under the 5-failure limit
        started = time.perf_counter()
        expect_status(login(api, account.email, "not-the-password"), 401)
        known.append(time.perf_counter() - started)
        started = time.perf_counter()
        expect_status(login(api, f"ghost-{unique()}@example.com", "not-the-password"), 401)
        unknown.append(time.perf_counter() - started)
    assert statistics.median(unknown) * 4 >= statistics.median(known), (
        f"\nexpected: similar timing\nknown email (s): {known}\nunknown email (s): {unknown}"
    )


@case("p23.rate-limit-after-5-failures")
def test_five_failures_then_429_with_retry_after(api, make_user):
    """5 failed logins for one email → the 6th attempt (even right) is 429 with Retry-After."""
    account = make_user()
    for attempt in range(5):
        response = login(api, account.email, f"wrong-{attempt}")
        expect_problem(response, 401, "invalid-credentials")
    response = login(api, account.email, account.password)
    expect_problem(response, 429, "rate-limited")
    retry_after = header_value(response, "retry-after")
    assert retry_after.isdigit() and 1 <= int(retry_after) <= 60, describe(
        response, "Retry-After: 1..60 seconds"
    )


@case("p23.successes-not-counted")
def test_successful_logins_are_not_counted(api, make_user):
    """4 failures, then successes, then 1 failure is still 401; only then 429."""
    account = make_user()
    for attempt in range(4):
        expect_status(login(api, account.email, f"wrong-{attempt}"), 401)
    for _ in range(3):
        expect_status(login(api, account.email, account.password), 200)
    expect_problem(login(api, account.email, "wrong-5"), 401, "invalid-credentials")
    expect_problem(login(api, account.email, account.password), 429, "rate-limited")


@case("p23.rate-limit-per-email")
def test_the_limit_is_per_email(api, make_user):
    """Another email from the same client is not limited by the first one's failures."""
    locked, other = make_user(), make_user()
    for attempt in range(5):
        expect_status(login(api, locked.email, f"wrong-{attempt}"), 401)
    expect_status(login(api, locked.email, locked.password), 429)
    expect_status(login(api, other.email, other.password), 200)


CONCURRENT_ATTEMPTS = 20


def concurrent_logins(base_url: str, email: str, passwords: list[str]) -> list[httpx.Response]:
    """One login per password, all released at the same instant, each on its own connection."""
    start = threading.Barrier(len(passwords))

    def attempt(password: str) -> httpx.Response:
        with httpx.Client(base_url=base_url, timeout=30) as client:
            start.wait()
            return login(client, email, password)

    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(pool.map(attempt, passwords))


def statuses_of(responses: list[httpx.Response]) -> str:
    return ", ".join(
        f"{status} x{n}" for status, n in sorted(Counter(r.status_code for r in responses).items())
    )


@case("p23.concurrent-failures-limited")
def test_concurrent_wrong_logins_get_exactly_five_401s(api, make_user):
    """20 wrong logins for one email sent at once → exactly 5 x 401, the other 15 x 429: the
    check and the count are one step, even across server processes."""
    account = make_user()
    wrong = [f"wrong-{n}" for n in range(CONCURRENT_ATTEMPTS)]
    responses = concurrent_logins(str(api.base_url), account.email, wrong)
    counts = Counter(r.status_code for r in responses)
    assert counts == {401: 5, 429: CONCURRENT_ATTEMPTS - 5}, (
        f"\nexpected: 5 x 401 and {CONCURRENT_ATTEMPTS - 5} x 429 for {CONCURRENT_ATTEMPTS} "
        f"concurrent wrong logins\ngot:      {statuses_of(responses)}"
    )
    for response in responses:
        slug = "invalid-credentials" if response.status_code == 401 else "rate-limited"
        expect_problem(response, response.status_code, slug)
    expect_problem(login(api, account.email, account.password), 429, "rate-limited")


@case("p23.concurrent-successes-not-counted")
def test_concurrent_right_logins_do_not_use_up_the_limit(api, make_user):
    """20 right logins at once → 20 x 200, and afterwards 5 wrong ones are still 401 (only
    then 429): successes are never counted, even when they race."""
    account = make_user()
    right = [account.password] * CONCURRENT_ATTEMPTS
    responses = concurrent_logins(str(api.base_url), account.email, right)
    assert all(r.status_code == 200 for r in responses), (
        f"\nexpected: {CONCURRENT_ATTEMPTS} x 200\ngot:      {statuses_of(responses)}"
    )
    for attempt in range(5):
        expect_problem(login(api, account.email, f"wrong-{attempt}"), 401, "invalid-credentials")
    expect_problem(login(api, account.email, "wrong-5"), 429, "rate-limited")


@case("p23.huge-password-refused")
def test_a_one_megabyte_password_is_refused(api, make_user):
    """A 1 MB password → 413 or 422, never 500 (and never hashed)."""
    account = make_user()
    response = login(api, account.email, "a" * 1_000_000)
    assert response.status_code in (413, 422), describe(response, "status 413 or 422")
    slug = "payload-too-large" if response.status_code == 413 else "validation-error"
    expect_problem(response, response.status_code, slug)


@case("p23.password-nul-422")
def test_a_password_with_nul_is_422(api, make_user):
    """A password containing NUL (U+0000) → 422 errors.password (§0), not a 401."""
    account = make_user()
    expect_validation_error(login(api, account.email, account.password + "\u0000"), "password")
