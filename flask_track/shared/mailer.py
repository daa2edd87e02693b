"""The SMTP sender (Flask-Mail), used only by the worker through `shared/outbox.py`.

`mailer.init_app(app)` maps the environment interface (SMTP_HOST, SMTP_PORT, MAIL_FROM) onto
Flask-Mail's settings. Flask-Mail suppresses sending whenever `app.testing` is true, but the
contract runs use APP_ENV=testing and must really send: MAIL_SUPPRESS_SEND is set explicitly.
Flask-Mail opens its SMTP connection without a timeout; a silent server would hang a worker
thread, so the connection here has one.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from flask import Flask, current_app
from flask_mail import Connection, Mail, Message

EXTENSION = "flask_track.mailer"
SMTP_TIMEOUT_S = 10


@dataclass(frozen=True)
class Envelope:
    """One message as the outbox hands it over."""

    to: str
    subject: str
    text: str
    message_id: str


class PermanentFailure(Exception):
    """The SMTP server refused the message for good (a 5xx reply): retrying cannot help."""


class TemporaryFailure(Exception):
    """SMTP unreachable, timed out or answered 4xx: the message stays queued for a retry."""


class _TimeoutConnection(Connection):
    """Flask-Mail's connection with a socket timeout."""

    def configure_host(self) -> smtplib.SMTP | smtplib.SMTP_SSL:
        mail = self.mail
        host: smtplib.SMTP | smtplib.SMTP_SSL
        if mail.use_ssl:
            host = smtplib.SMTP_SSL(mail.server, mail.port, timeout=SMTP_TIMEOUT_S)
        else:
            host = smtplib.SMTP(mail.server, mail.port, timeout=SMTP_TIMEOUT_S)
        if mail.use_tls:
            host.starttls()
        if mail.username and mail.password:
            host.login(mail.username, mail.password)
        return host


class Mailer:
    """Flask-Mail bound to SMTP_HOST:SMTP_PORT (the Flask extension pattern)."""

    def __init__(self) -> None:
        self._mail = Mail()

    def init_app(self, app: Flask) -> None:
        """Translate the SMTP_* settings to Flask-Mail's MAIL_* and bind Flask-Mail."""
        app.config["MAIL_SERVER"] = app.config["SMTP_HOST"]
        app.config["MAIL_PORT"] = int(app.config["SMTP_PORT"])
        app.config["MAIL_DEFAULT_SENDER"] = app.config["MAIL_FROM"]
        app.config.setdefault("MAIL_SUPPRESS_SEND", False)  # not app.testing: really send
        self._mail.init_app(app)
        app.extensions[EXTENSION] = self

    def send(self, envelope: Envelope) -> None:
        """Deliver one message; raise PermanentFailure (5xx) or TemporaryFailure (all else)."""
        message = Message(
            subject=envelope.subject,
            recipients=[envelope.to],
            body=envelope.text,
            sender=current_app.config["MAIL_FROM"],
            extra_headers={"X-Outbox-Id": envelope.message_id},
        )
        # Refused before any network: the API validates these, a row written otherwise is bad.
        if message.has_bad_headers():
            raise PermanentFailure("CR or LF in a header field")
        state = current_app.extensions["mail"]
        try:
            if state.suppress:
                return
            with _TimeoutConnection(state) as connection:
                connection.send(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            if codes and all(code >= 500 for code in codes):
                raise PermanentFailure(f"recipient refused ({codes[0]})") from None
            raise TemporaryFailure(f"recipient deferred ({codes[0] if codes else '?'})") from None
        except smtplib.SMTPResponseException as error:
            if error.smtp_code >= 500:
                raise PermanentFailure(f"refused ({error.smtp_code})") from None
            raise TemporaryFailure(f"deferred ({error.smtp_code})") from None
        except (smtplib.SMTPException, OSError) as error:  # refused, reset, timeout, DNS
            raise TemporaryFailure(type(error).__name__) from None
