"""p34 password-reset (CATALOG Level 4): POST /p34/password-reset and .../confirm.

The token is read from the email the target's worker delivered to the harness's SMTP sink (a
line `Reset token: <token>`). Choices where the catalog is silent (also in the Flask track's
p34 NOTES.md):
- The request answers 202 `{"status":"accepted"}` for every well-formed email.
- `new_password` follows p22's length rule (at least 8 characters, at most 1,024 bytes).
- A bad token (unknown, used, superseded, expired, empty) → 400; only a token that is not a
  string, or holds NUL, is a 422.
- "Similar timing" is measured by bench/, not asserted here (a timed assertion is flaky).
"""

from __future__ import annotations

import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from contracts.harness import case, describe, expect_json, expect_problem, expect_status
from contracts.harness.checks import expect_validation_error
from contracts.harness.http import make_client
from contracts.level3.auth_helpers import expect_refused_token, get_pair, strong_password
from contracts.level4.polling import (
    messages_to,
    reset_token_in,
    statuses,
    text_of,
    wait_for_messages,
)

URL = re.compile(r"https?://[^\s<>\"']+")


def request_reset(api, email, **kwargs):
    """POST /p34/password-reset that must answer 202; the body."""
    return expect_json(api.post("/p34/password-reset", json={"email": email}, **kwargs), 202)


def next_token(api, mailbox, email):
    """Ask for a reset and return the token of the email it produces."""
    before = len(messages_to(mailbox, email))
    request_reset(api, email)
    return reset_token_in(wait_for_messages(mailbox, email, before + 1)[-1])


def confirm(api, token, new_password):
    return api.post(
        "/p34/password-reset/confirm", json={"token": token, "new_password": new_password}
    )


def login_status(api, email, password):
    return api.post("/p24/token", json={"email": email, "password": password}).status_code


@case("p34.request-202-either-way")
def test_the_request_answers_the_same_for_known_and_unknown_emails(api, user, unique):
    """A real account's email and an unknown one → the same 202 and the same body."""
    known = api.post("/p34/password-reset", json={"email": user.email})
    unknown = api.post("/p34/password-reset", json={"email": f"nobody-{unique()}@example.com"})
    expect_status(known, 202)
    expect_status(unknown, 202)
    assert known.json() == unknown.json(), describe(unknown, f"the same body as {known.json()}")


@case("p34.email-has-token-and-public-link")
def test_the_email_holds_the_token_and_a_link_not_built_from_host(api, user, mailbox):
    """The email has a `Reset token: <token>` line (>= 128 bits: 22+ characters) and a link
    holding the token whose host is not the request's Host header."""
    request_reset(api, user.email, headers={"Host": "attacker.example"})
    message = wait_for_messages(mailbox, user.email, 1)[-1]
    token = reset_token_in(message)
    assert len(token) >= 22, f"a token of >= 128 bits, got {token!r}"
    links = [link for link in URL.findall(text_of(message)) if token in link]
    assert links, f"a link holding the token in:\n{text_of(message)}"
    hosts = {urlsplit(link).hostname for link in links}
    assert "attacker.example" not in hosts, f"links built from the Host header: {links}"


@case("p34.unknown-email-sends-nothing")
def test_an_unknown_email_gets_no_message(api, user, unique, mailbox):
    """A reset for an address without an account sends nothing (while a real one does)."""
    nobody = f"nobody-{unique()}@example.com"
    request_reset(api, nobody)
    next_token(api, mailbox, user.email)  # the worker has processed what came before
    time.sleep(1.0)
    assert messages_to(mailbox, nobody) == [], f"no message to {nobody}"


@case("p34.confirm-204-changes-password")
def test_confirming_sets_the_new_password(api, user, mailbox, unique):
    """confirm → 204; the old password then fails (401) and the new one works (200)."""
    token = next_token(api, mailbox, user.email)
    new_password = strong_password(unique())
    expect_status(confirm(api, token, new_password), 204)
    assert login_status(api, user.email, user.password) == 401, "the old password still works"
    assert login_status(api, user.email, new_password) == 200, "the new password does not work"


@case("p34.token-single-use")
def test_a_token_works_once(api, user, mailbox, unique):
    """The same token a second time → 400; the password stays the first new one."""
    token = next_token(api, mailbox, user.email)
    first = strong_password(unique())
    expect_status(confirm(api, token, first), 204)
    expect_problem(confirm(api, token, strong_password(unique())), 400, "about:blank")
    assert login_status(api, user.email, first) == 200, "the second confirm changed the password"


@case("p34.bad-token-400")
@pytest.mark.parametrize(
    "token",
    [
        pytest.param(secrets.token_urlsafe(32), id="random"),
        pytest.param("", id="empty"),
        pytest.param("x" * 300, id="long"),
    ],
)
def test_a_bad_token_is_400(api, token, unique):
    """A token the server never issued (random, empty, long) → 400."""
    expect_problem(confirm(api, token, strong_password(unique())), 400, "about:blank")


@case("p34.newer-voids-older")
def test_a_newer_token_voids_the_older_one(api, user, mailbox, unique):
    """Two resets in a row: the first token → 400, the second → 204."""
    older = next_token(api, mailbox, user.email)
    newer = next_token(api, mailbox, user.email)
    assert older != newer, "two resets gave the same token"
    expect_problem(confirm(api, older, strong_password(unique())), 400, "about:blank")
    expect_status(confirm(api, newer, strong_password(unique())), 204)


@case("p34.sessions-revoked")
def test_a_reset_revokes_the_users_tokens(api, user_pair, mailbox, unique):
    """After a reset the user's refresh token (and access token) → 401."""
    other = get_pair(api, user_pair.email, user_pair.password)
    token = next_token(api, mailbox, user_pair.email)
    expect_status(confirm(api, token, strong_password(unique())), 204)
    for refresh in (user_pair.refresh_token, other["refresh_token"]):
        response = api.post("/p28/refresh", json={"refresh_token": refresh})
        expect_refused_token(response, "token-revoked", "token-invalid")
    expect_refused_token(api.get("/p26/me", headers=user_pair.headers), "token-revoked")


@case("p34.request-validation-422")
@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({}, "email", id="missing"),
        pytest.param({"email": "not-an-address"}, "email", id="bad-address"),
        pytest.param({"email": None}, "email", id="null"),
        pytest.param({"email": "a@example.com", "admin": True}, "admin", id="unknown-field"),
    ],
)
def test_a_bad_reset_request_is_422(api, body, field):
    """A missing, malformed or null email, or an unknown field → 422 naming it."""
    expect_validation_error(api.post("/p34/password-reset", json=body), field)


@case("p34.confirm-validation-422")
@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"new_password": "Long-enough-1"}, "token", id="token-missing"),
        pytest.param({"token": 5, "new_password": "Long-enough-1"}, "token", id="token-number"),
        pytest.param({"token": "a\u0000b", "new_password": "Long-enough-1"}, "token", id="nul"),
        pytest.param({"token": "abc"}, "new_password", id="password-missing"),
        pytest.param({"token": "abc", "new_password": "short"}, "new_password", id="too-short"),
        pytest.param(
            {"token": "abc", "new_password": "Long-enough-1", "user_id": 1},
            "user_id",
            id="unknown-field",
        ),
    ],
)
def test_a_bad_confirm_body_is_422(api, body, field):
    """Missing or mistyped token or new_password, a password under 8 characters, NUL, or an
    unknown field → 422 naming it."""
    expect_validation_error(api.post("/p34/password-reset/confirm", json=body), field)


@case("p34.concurrent-confirms-one-wins")
def test_concurrent_confirms_of_one_token_let_one_through(target, api, user, mailbox, unique):
    """20 confirms of one token at once → exactly one 204 and 19 x 400; the winner's
    password is the one that works."""
    token = next_token(api, mailbox, user.email)
    passwords = [strong_password(unique()) for _ in range(20)]
    with make_client(target.base_url, timeout=60) as client, ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(lambda p: confirm(client, token, p), passwords))
    assert statuses(responses) == [204] + [400] * 19, describe(
        responses[0], f"one 204 and 19 x 400, got {statuses(responses)}"
    )
    winner = next(p for p, r in zip(passwords, responses, strict=True) if r.status_code == 204)
    assert login_status(api, user.email, winner) == 200, "the winning password does not work"
