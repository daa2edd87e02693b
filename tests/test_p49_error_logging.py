"""p49: the error record (core's 500 handler + p49's store) and the redaction in core logging."""

from __future__ import annotations

import json
import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track.concepts.p49_error_logging.models import ErrorRecord
from flask_track.core.logging import MASK, record_to_dict, redacted_headers, scrub
from flask_track.extensions import db


def test_credential_headers_are_masked() -> None:
    headers = {"Authorization": "Bearer abc", "Cookie": "s=1", "Accept": "application/json"}
    assert redacted_headers(headers) == {
        "Authorization": MASK,
        "Cookie": MASK,
        "Accept": "application/json",
    }


def test_scrub_masks_the_longest_secret_whole() -> None:
    assert scrub("pw=hunter2-and-more x", ["hunter2", "hunter2-and-more"]) == f"pw={MASK} x"


def test_error_records_are_scrubbed_of_the_apps_secrets(app: Flask) -> None:
    with app.test_request_context("/x"):
        try:
            raise RuntimeError(f"could not log in with {app.config['ADMIN_PASSWORD']}")
        except RuntimeError as error:
            record = logging.LogRecord(
                "flask_track.errors", logging.ERROR, __file__, 1, "%s", (str(error),), None
            )
            record.exc_info = (type(error), error, error.__traceback__)
        data = record_to_dict(record)
    assert app.config["ADMIN_PASSWORD"] not in json.dumps(data)
    assert MASK in data["message"] and MASK in data["traceback"]


def test_info_records_are_left_as_they_are(app: Flask) -> None:
    """Only warnings and errors are scrubbed: the access log's hot path pays nothing."""
    with app.test_request_context("/x"):
        record = logging.LogRecord("flask_track", logging.INFO, __file__, 1, "hello", (), None)
        assert record_to_dict(record)["message"] == "hello"


def test_boom_stores_one_record_with_the_500s_id(app: Flask, client: FlaskClient) -> None:
    response = client.get("/p49/boom", headers={"Authorization": "Bearer not.a.jwt"})
    assert response.status_code == 401  # a bad token is refused before the bug is reached
    response = client.get("/p49/boom")
    assert response.status_code == 500
    error_id = response.get_json()["error_id"]
    with app.app_context():
        stored = db.session.get(ErrorRecord, error_id)
        assert stored is not None
        record = json.loads(stored.record)
    assert record["request_id"] == response.headers["X-Request-ID"]
    assert record["route"] == "/p49/boom" and record["user_id"] is None
    assert "BoomError" in record["traceback"]


def test_a_database_that_fails_does_not_turn_the_500_into_something_else(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's own failure is logged by logging's handleError; the client still gets its 500."""
    monkeypatch.setattr(logging, "raiseExceptions", False)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("database down")

    with app.app_context():
        monkeypatch.setattr(db.engine, "begin", broken)
        response = client.get("/p49/boom")
    assert response.status_code == 500 and "error_id" in response.get_json()
