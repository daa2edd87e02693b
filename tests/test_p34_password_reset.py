"""p34 white-box: what is stored (only a hash), expiry, the wiped email body, and that the
request does the same work for a known and an unknown email.

The worker's task is called in-process here (`issue_reset`, `deliver`): the code path is the
worker's, without starting a process (tests/test_p35_background_task.py covers that).
"""

from __future__ import annotations

import re
from datetime import timedelta

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask

from flask_track import create_app
from flask_track.concepts.p34_password_reset.models import PasswordResetToken
from flask_track.concepts.p34_password_reset.tasks import ISSUE_TASK, issue_reset, token_hash
from flask_track.config import TestingConfig
from flask_track.core.types import utcnow
from flask_track.extensions import db, queue
from flask_track.shared.outbox import OutboxMessage, deliver

PASSWORD = "Cc-reset-test-password-1"
EMAIL = "r@example.com"
NEW_PASSWORD = "A-brand-new-password-1"


@pytest.fixture
def app(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'reset.sqlite3'}")
    monkeypatch.setenv("PUBLIC_URL", "https://track.example")
    application = create_app(TestingConfig())
    # Flask-Mail sends nothing: delivery is p33's test, here only what is written matters.
    application.config["MAIL_SUPPRESS_SEND"] = True
    application.extensions["mail"].suppress = True
    with application.app_context():
        flask_migrate.upgrade()
    client = application.test_client()
    assert (
        client.post("/p22/signup", json={"email": EMAIL, "password": PASSWORD}).status_code == 201
    )
    return application


def mint(app: Flask) -> tuple[str, OutboxMessage]:
    """Run the worker's task for EMAIL; the token from the queued email and its row."""
    with app.app_context():
        issue_reset(EMAIL)
        message = db.session.scalars(
            sa.select(OutboxMessage).order_by(OutboxMessage.id.desc())
        ).first()
        assert message is not None
        found = re.search(r"^Reset token: (\S+)$", message.body, re.MULTILINE)
        assert found
        db.session.expunge(message)
        return found.group(1), message


def confirm(app: Flask, token: str, password: str = NEW_PASSWORD) -> int:
    body = {"token": token, "new_password": password}
    return app.test_client().post("/p34/password-reset/confirm", json=body).status_code


def test_only_the_hash_of_the_token_is_stored(app: Flask) -> None:
    """The table holds SHA-256(token), never the token; the link uses PUBLIC_URL."""
    token, message = mint(app)
    with app.app_context():
        stored = db.session.scalars(sa.select(PasswordResetToken.token_hash)).all()
    assert stored == [token_hash(token)]
    assert token not in stored
    assert len(token) >= 22  # 32 random bytes, base64url
    assert f"https://track.example/#/p34?token={token}" in message.body


def test_the_email_body_is_wiped_once_sent(app: Flask) -> None:
    """After delivery the outbox row no longer holds the token."""
    _token, message = mint(app)
    with app.app_context():
        deliver(message.id)
        sent = db.session.get(OutboxMessage, message.id)
        assert sent is not None
        assert (sent.status, sent.body) == ("sent", "")


def test_an_expired_token_is_400(app: Flask) -> None:
    """A token past expires_at → 400; the password is unchanged."""
    token, _message = mint(app)
    with app.app_context():
        db.session.execute(
            sa.update(PasswordResetToken).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    assert confirm(app, token) == 400
    login = app.test_client().post("/p24/token", json={"email": EMAIL, "password": PASSWORD})
    assert login.status_code == 200


def test_the_default_lifetime_is_30_minutes(app: Flask) -> None:
    """expires_at - created_at == 30 min by default."""
    mint(app)
    with app.app_context():
        row = db.session.scalars(sa.select(PasswordResetToken)).one()
        assert row.expires_at - row.created_at == timedelta(minutes=30)


def test_an_unknown_email_writes_nothing(app: Flask) -> None:
    """The task for an unknown address creates no token and no email."""
    with app.app_context():
        issue_reset("nobody@example.com")
        assert db.session.query(PasswordResetToken).count() == 0
        assert db.session.query(OutboxMessage).count() == 0


def test_the_request_does_the_same_work_for_known_and_unknown_emails(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The request only enqueues the address: one enqueue, no query of `users`, either way
    (so the answer and its timing cannot tell whether the account exists)."""
    calls: list[tuple[str, tuple[object, ...]]] = []
    monkeypatch.setattr(queue, "enqueue", lambda name, *args, **_kw: calls.append((name, args)))
    statements: list[str] = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    client = app.test_client()
    for email in (EMAIL, "nobody@example.com"):
        response = client.post("/p34/password-reset", json={"email": email})
        assert response.status_code == 202
    assert calls == [(ISSUE_TASK, (EMAIL,)), (ISSUE_TASK, ("nobody@example.com",))]
    assert not [s for s in statements if "users" in s]
