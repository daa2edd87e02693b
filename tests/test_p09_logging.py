"""p09 white-box: what the request log holds and what it never holds; the ring buffer."""

from __future__ import annotations

import json
import logging

import pytest
from flask.testing import FlaskClient

from flask_track import create_app
from flask_track.concepts.p09_request_logger.buffer import HANDLER, RingBuffer
from flask_track.config import TestingConfig
from flask_track.core.logging import LOGGER_NAME


def test_query_string_and_authorization_never_reach_the_log(
    client: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    response = client.get(
        "/p01/health?token=secret-in-query",
        headers={"Authorization": "Bearer secret-in-header", "X-Request-ID": "p09-unit-1"},
    )
    assert response.status_code == 200
    out = capsys.readouterr().out
    assert "secret-in-query" not in out
    assert "secret-in-header" not in out
    access = [json.loads(line) for line in out.splitlines() if '"flask_track.access"' in line]
    assert access[-1]["path"] == "/p01/health"
    assert access[-1]["request_id"] == "p09-unit-1"
    # ... and neither does the buffer that /p09/logs serves.
    served = client.get("/p09/logs?request_id=p09-unit-1").get_data(as_text=True)
    assert "secret-in-query" not in served
    assert "secret-in-header" not in served
    assert '"/p01/health"' in served


def test_access_line_has_the_catalog_fields(
    client: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    client.get("/p01/health", headers={"X-Request-ID": "p09-unit-2"})
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"method", "path", "status", "duration_ms", "request_id"} <= set(line)


def test_tracebacks_are_logged_but_not_served(client: FlaskClient) -> None:
    client.get("/p08/boom", headers={"X-Request-ID": "p09-unit-boom"})
    body = client.get("/p09/logs?request_id=p09-unit-boom").json
    error = next(item for item in body["items"] if item["level"] == "ERROR")
    assert error["exc_type"] == "RuntimeError"
    assert "traceback" not in error
    assert "SECRET-MARKER-p08" not in json.dumps(body)


def test_after_request_and_teardown_leave_records(client: FlaskClient) -> None:
    hooks = client.get("/p09/lifecycle", headers={"X-Request-ID": "p09-unit-life"}).json["hooks"]
    assert hooks == ["wsgi_middleware", "before_request", "handler"]
    items = client.get("/p09/logs?request_id=p09-unit-life").json["items"]
    mine = ("flask_track.p09", "flask_track.access")
    order = [item.get("hook") or item["logger"] for item in items if item["logger"] in mine]
    # Blueprint after_request runs before the app's (the access log), teardown after both.
    assert order == ["after_request", "flask_track.access", "teardown_request"]


def test_ring_buffer_keeps_only_the_newest() -> None:
    buffer = RingBuffer(capacity=3)
    for n in range(5):
        buffer.append({"request_id": "r", "n": n})
    assert [r["n"] for r in buffer.for_request("r")] == [2, 3, 4]
    assert len(buffer) == 3


def test_handler_is_attached_once_however_many_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_ENV", "testing")
    create_app(TestingConfig())
    create_app(TestingConfig())
    handlers = logging.getLogger(LOGGER_NAME).handlers
    assert handlers.count(HANDLER) == 1


def test_odd_field_values_are_stored_as_json(client: FlaskClient) -> None:
    """A record field that is no JSON type must not make /p09/logs fail."""
    with client.application.test_request_context(headers={"X-Request-ID": "p09-unit-odd"}):
        logging.getLogger("flask_track.unit").info("odd", extra={"fields": {"obj": object()}})
    response = client.get("/p09/logs?request_id=p09-unit-odd")
    assert response.status_code == 200
    assert isinstance(response.json["items"][0]["obj"], str)


def test_the_ring_buffer_reads_consistently_while_threads_append() -> None:
    """No lock: appends from 8 threads while a reader snapshots never raise or lose a line."""
    import threading

    from flask_track.concepts.p09_request_logger.buffer import RingBuffer

    buffer = RingBuffer(capacity=50_000)
    errors: list[BaseException] = []
    done = threading.Event()

    def writer(n: int) -> None:
        for i in range(5_000):
            buffer.append_line(f"w{n}", f'{{"i": {i}}}')

    def reader() -> None:
        try:
            while not done.is_set():
                buffer.for_request("w0")
        except BaseException as error:  # the test reports whatever it was
            errors.append(error)

    watching = threading.Thread(target=reader)
    watching.start()
    writers = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    watching.join()
    assert errors == []
    assert len(buffer) == 40_000
    assert [r["i"] for r in buffer.for_request("w3")] == list(range(5_000))
