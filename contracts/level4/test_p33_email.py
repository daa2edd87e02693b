"""p33 email (CATALOG Level 4): POST /p33/emails, GET /p33/emails/{id}, through an outbox.

The suite reads what arrived at the harness's SMTP sink (the `mailbox` fixture): the target's
worker must really deliver to SMTP_HOST:SMTP_PORT. Choices where the catalog is silent (also
in the Flask track's p33 NOTES.md):
- `to` is one address; `subject` 1-200 characters without CR, LF or NUL; `text` a non-empty
  plain-text body (line breaks allowed). The POST answers 202 `{"id","status":"queued"}`.
- The limit is 10 accepted sends per user in any 60 s; a refused (422) request does not count.
- `GET /p33/emails/{id}` answers only the sender: anyone else, admins included, gets 404.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_validation_error,
    header_value,
)
from contracts.harness.http import make_client
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS
from contracts.level3.auth_helpers import expect_token_problem, get_token
from contracts.level4.polling import messages_to, poll_json, statuses, text_of

STATUSES = {"queued", "sent", "failed"}


def an_email(unique, **overrides):
    """A valid body with a recipient and subject unique to this test."""
    token = unique()
    body = {"to": f"rcpt-{token}@example.com", "subject": f"Hello {token}", "text": "Hi!\nBye."}
    return {**body, **overrides}


def send(api, account, body):
    """POST /p33/emails that must be accepted; the 202 body."""
    return expect_json(api.post("/p33/emails", headers=account.headers, json=body), 202)


def sent(api, account, email_id):
    """Poll the message until it is no longer queued."""
    return poll_json(
        api,
        f"/p33/emails/{email_id}",
        account.headers,
        lambda body: body.get("status") != "queued",
    )


@case("p33.send-202-queued")
def test_sending_is_accepted_with_202_queued(api, user, unique):
    """POST /p33/emails → 202 {"id": int, "status": "queued"}; GET it → 200 with a status
    of queued|sent|failed and an integer attempts."""
    body = send(api, user, an_email(unique))
    assert isinstance(body.get("id"), int), f"an integer id: {body}"
    assert body.get("status") == "queued", f"status queued at acceptance: {body}"
    state = expect_json(api.get(f"/p33/emails/{body['id']}", headers=user.headers), 200)
    assert state.get("status") in STATUSES, f"status one of {sorted(STATUSES)}: {state}"
    assert isinstance(state.get("attempts"), int), f"an integer attempts: {state}"


@case("p33.delivered-exactly-once")
def test_the_message_arrives_at_the_smtp_server_exactly_once(api, user, unique, mailbox):
    """The worker delivers it: status sent, attempts >= 1, and the SMTP sink holds exactly one
    message to that address with that subject and text (still one a moment later)."""
    email = an_email(unique)
    accepted = send(api, user, email)
    state = sent(api, user, accepted["id"])
    assert state.get("status") == "sent", f"expected sent: {state}"
    assert state.get("attempts", 0) >= 1, f"at least one attempt: {state}"
    time.sleep(1.0)  # a duplicate delivery would land now
    found = messages_to(mailbox, email["to"])
    assert len(found) == 1, f"exactly one message to {email['to']}, got {len(found)}"
    assert str(found[0].get("Subject")) == email["subject"], f"subject: {found[0]}"
    assert text_of(found[0]).strip().replace("\r\n", "\n") == email["text"], "the text as sent"


@case("p33.without-token-401")
def test_email_needs_a_token(api, user, unique):
    """POST /p33/emails and GET /p33/emails/{id} without a token → 401 token-missing."""
    expect_token_problem(api.post("/p33/emails", json=an_email(unique)), "token-missing")
    accepted = send(api, user, an_email(unique))
    expect_token_problem(api.get(f"/p33/emails/{accepted['id']}"), "token-missing")


@case("p33.sender-only-404")
def test_only_the_sender_sees_a_message(api, user, make_user, admin, unique):
    """Another user and an admin → 404 not-found for someone else's message."""
    accepted = send(api, user, an_email(unique))
    other = make_user()
    other.access_token = get_token(api, other.email, other.password)
    for account in (other, admin):
        response = api.get(f"/p33/emails/{accepted['id']}", headers=account.headers)
        expect_problem(response, 404, "not-found")


@case("p33.unknown-email-404")
def test_an_unknown_message_is_404(api, user):
    """GET /p33/emails/{an id nobody has} → 404 not-found."""
    expect_problem(api.get(f"/p33/emails/{MAX_ID}", headers=user.headers), 404, "not-found")


@case("p33.non-integer-id-404")
@pytest.mark.parametrize("email_id", NON_INTEGER_IDS)
def test_a_non_integer_message_id_is_404(api, user, email_id):
    """Path ids that are not plain 64-bit integers → 404 not-found (§0)."""
    expect_problem(api.get(f"/p33/emails/{email_id}", headers=user.headers), 404, "not-found")


@case("p33.bad-address-422")
@pytest.mark.parametrize(
    "to",
    [
        pytest.param("not-an-address", id="no-at"),
        pytest.param("", id="empty"),
        pytest.param("a@example.com\r\nBcc: victim@example.com", id="crlf-bcc"),
        pytest.param("a@example.com\nBcc: victim@example.com", id="lf-bcc"),
        pytest.param("a@example.com, b@example.com", id="two-addresses"),
        pytest.param(5, id="not-a-string"),
        pytest.param(None, id="null"),
    ],
)
def test_a_bad_recipient_is_422(api, user, unique, to):
    """A bad address (none, two, CR/LF header injection, not a string) → 422 naming `to`."""
    body = an_email(unique, to=to)
    expect_validation_error(api.post("/p33/emails", headers=user.headers, json=body), "to")


@case("p33.header-crlf-422")
@pytest.mark.parametrize(
    "subject",
    [
        pytest.param("Hi\r\nBcc: victim@example.com", id="crlf"),
        pytest.param("Hi\nBcc: victim@example.com", id="lf"),
        pytest.param("Hi\rthere", id="cr"),
        pytest.param("Hi\u0000", id="nul"),
    ],
)
def test_a_line_break_in_the_subject_is_422(api, user, unique, subject):
    """CR, LF (header injection) or NUL in the subject → 422 naming `subject`."""
    body = an_email(unique, subject=subject)
    expect_validation_error(api.post("/p33/emails", headers=user.headers, json=body), "subject")


@case("p33.missing-fields-422")
def test_missing_fields_are_all_reported(api, user):
    """{} → 422 naming to, subject and text at once."""
    response = api.post("/p33/emails", headers=user.headers, json={})
    expect_validation_error(response, "to", "subject", "text")


@case("p33.bad-text-422")
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("a\u0000b", id="nul"),
        pytest.param(["x"], id="not-a-string"),
    ],
)
def test_a_bad_text_is_422(api, user, unique, text):
    """An empty text, NUL in it, or not a string → 422 naming `text`."""
    body = an_email(unique, text=text)
    expect_validation_error(api.post("/p33/emails", headers=user.headers, json=body), "text")


@case("p33.unknown-field-422")
def test_an_unknown_field_is_422(api, user, unique):
    """A `bcc` (or any unknown field) → 422 naming it."""
    body = an_email(unique, bcc="victim@example.com")
    expect_validation_error(api.post("/p33/emails", headers=user.headers, json=body), "bcc")


@case("p33.rate-limit-10-per-minute")
def test_the_eleventh_email_in_a_minute_is_429(api, user, make_user, unique):
    """10 sends a minute per user: the 11th → 429 rate-limited with Retry-After; another
    user is unaffected."""
    for _ in range(10):
        send(api, user, an_email(unique))
    response = api.post("/p33/emails", headers=user.headers, json=an_email(unique))
    expect_problem(response, 429, "rate-limited")
    retry = header_value(response, "retry-after")
    assert retry.isdigit() and int(retry) >= 1, describe(response, "Retry-After: seconds >= 1")
    other = make_user()
    other.access_token = get_token(api, other.email, other.password)
    send(api, other, an_email(unique))


@case("p33.validation-before-rate-limit")
def test_validation_comes_before_the_rate_limit(api, user, unique):
    """Once the limit is used up, a bad body is still 422 (not 429); and 422s do not count:
    10 valid sends pass after 3 invalid ones."""
    for _ in range(3):
        bad = an_email(unique, subject="a\r\nb")
        expect_validation_error(api.post("/p33/emails", headers=user.headers, json=bad), "subject")
    for _ in range(10):
        send(api, user, an_email(unique))
    bad = an_email(unique, to="nope")
    expect_validation_error(api.post("/p33/emails", headers=user.headers, json=bad), "to")


@case("p33.rate-limit-concurrent")
def test_concurrent_sends_get_exactly_ten_through(target, user, unique):
    """20 sends at once by one user → exactly 10 x 202 and 10 x 429 (the count is atomic,
    shared by every worker process)."""
    bodies = [an_email(unique) for _ in range(20)]
    with make_client(target.base_url, timeout=60) as client, ThreadPoolExecutor(20) as pool:
        responses = list(
            pool.map(lambda b: client.post("/p33/emails", headers=user.headers, json=b), bodies)
        )
    assert statuses(responses) == [202] * 10 + [429] * 10, describe(
        responses[0], f"10 x 202 and 10 x 429, got {statuses(responses)}"
    )
    for response in [r for r in responses if r.status_code == 429]:
        expect_problem(response, 429, "rate-limited")
