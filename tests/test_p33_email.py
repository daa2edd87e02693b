"""p33 white-box: the outbox through an SMTP outage, a permanent refusal, and the claim.

The outage test owns its SMTP server (aiosmtpd on a free port) and a real worker process:
stop the server, send, the message stays `queued` while the worker retries; start it again,
the message arrives exactly once and nothing is lost.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask

from flask_track.extensions import db
from flask_track.shared.outbox import OutboxMessage, backoff_s, deliver
from tests.worker_process import Worker, migrated_app, signed_up, wait_until

PASSWORD = "Cc-outbox-test-password-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Collect:
    """An aiosmtpd handler that keeps every message; RCPT to `refuse@…` gets a 550."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("refuse@"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp_port: int) -> dict[str, str]:
    values = {
        "APP_ENV": "testing",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'outbox.sqlite3'}",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "WORKER_SWEEP_S": "0.3",
        "OUTBOX_RETRY_BASE_S": "0.3",
        "OUTBOX_RETRY_MAX_S": "1",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@pytest.fixture
def app(env: dict[str, str]) -> Flask:
    return migrated_app(env)


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    return signed_up(app, "o@example.com", PASSWORD)


def row(app: Flask, message_id: int) -> OutboxMessage:
    with app.app_context():
        found = db.session.get(OutboxMessage, message_id)
        assert found is not None
        db.session.expunge(found)
        return found


def send(app: Flask, auth: dict[str, str], to: str, subject: str) -> int:
    body = {"to": to, "subject": subject, "text": "outage test"}
    response = app.test_client().post("/p33/emails", headers=auth, json=body)
    assert response.status_code == 202, response.get_data(as_text=True)
    message_id: int = response.get_json()["id"]
    return message_id


def test_a_message_survives_an_smtp_outage_and_arrives_once(
    app: Flask, auth: dict[str, str], env: dict[str, str], smtp_port: int, tmp_path: Path
) -> None:
    """SMTP down: the message stays queued while attempts grow; SMTP back: it arrives exactly
    once and is `sent`. A worker restart in the middle loses nothing."""
    handler = Collect()
    worker = Worker(env, tmp_path / "w1.log").start()
    try:
        message_id = send(app, auth, "friend@example.com", "outage-1")
        wait_until(lambda: row(app, message_id).attempts >= 2, 30, "retries", worker.output())
        assert row(app, message_id).status == "queued"
        assert row(app, message_id).last_error
    finally:
        worker.stop()
    # Restart the worker while SMTP is still down, then bring SMTP back.
    worker = Worker(env, tmp_path / "w2.log").start()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    try:
        wait_until(lambda: row(app, message_id).attempts >= 3, 30, "retry after restart")
        controller.start()
        wait_until(lambda: row(app, message_id).status == "sent", 30, "delivery", worker.output())
        time.sleep(2)  # a duplicate would arrive now (several retries were rung meanwhile)
    finally:
        worker.stop()
        controller.stop()
    subjects = [m for m in handler.messages if b"Subject: outage-1" in m]
    assert len(subjects) == 1, f"expected exactly one delivery, got {len(subjects)}"
    assert row(app, message_id).sent_at is not None


def test_a_permanent_refusal_fails_the_message_without_retry(
    app: Flask, auth: dict[str, str], smtp_port: int
) -> None:
    """A 5xx for the recipient → `failed` after one attempt (retrying cannot help)."""
    controller = Controller(Collect(), hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        message_id = send(app, auth, "refuse@example.com", "refused")
        with app.app_context():
            deliver(message_id)
    finally:
        controller.stop()
    found = row(app, message_id)
    assert (found.status, found.attempts) == ("failed", 1)


def test_a_claimed_message_is_not_sent_twice(
    app: Flask, auth: dict[str, str], smtp_port: int
) -> None:
    """Two deliveries of one row (a duplicate ring, a second worker): one SMTP transaction."""
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        message_id = send(app, auth, "friend@example.com", "once")
        with app.app_context():
            deliver(message_id)
            deliver(message_id)
    finally:
        controller.stop()
    assert len(handler.messages) == 1
    assert row(app, message_id).status == "sent"


def test_backoff_grows_and_is_capped(app: Flask) -> None:
    """Retry n waits base * 2^(n-1) (+-20 % jitter), never more than the cap (+20 %)."""
    with app.app_context():
        app.config.update(OUTBOX_RETRY_BASE_S=2, OUTBOX_RETRY_MAX_S=60)
        assert 1.6 <= backoff_s(1) <= 2.4
        assert 6.4 <= backoff_s(3) <= 9.6
        assert 48 <= backoff_s(20) <= 72


@pytest.mark.parametrize(
    "body",
    [
        {"to": "a@example.com\r\nBcc: b@example.com", "subject": "x", "text": "y"},
        {"to": "a@example.com", "subject": "x\nBcc: b@example.com", "text": "y"},
    ],
)
def test_header_injection_is_refused_before_anything_is_stored(
    app: Flask, auth: dict[str, str], body: dict[str, str]
) -> None:
    """CR/LF in a header field → 422 and no outbox row."""
    response = app.test_client().post("/p33/emails", headers=auth, json=body)
    assert response.status_code == 422
    with app.app_context():
        assert db.session.query(OutboxMessage).count() == 0
