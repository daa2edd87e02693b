"""p45's protocol, without a socket: what the server answers to each kind of message."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from flask_track.concepts.p45_websocket_hello.protocol import HELLO, PONG, answer


def test_the_greeting_and_the_pong_are_the_catalogs() -> None:
    assert HELLO == {"type": "hello"}
    assert PONG == {"type": "pong"}


@pytest.mark.parametrize("text", ["hi", "", "[1]", '{"type":"other"}', "  plain  "])
def test_anything_but_a_ping_is_echoed_verbatim(text: str) -> None:
    assert answer(text) == {"type": "echo", "data": text}


@pytest.mark.parametrize("text", ['{"type":"ping"}', ' {"type": "ping", "id": 7}'])
def test_a_ping_object_gets_a_pong(text: str) -> None:
    assert answer(text) == PONG


@pytest.mark.parametrize("text", ["{bad", "{", ' {"a":1,}'])
def test_a_brace_that_does_not_parse_is_an_error(text: str) -> None:
    assert answer(text)["type"] == "error"


def test_binary_frames_are_an_error() -> None:
    assert answer(b"\x00\x01")["type"] == "error"


def test_a_plain_http_request_is_a_400_problem(client: FlaskClient) -> None:
    response = client.get("/p45/ws")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"


def test_a_foreign_origin_is_refused_before_the_upgrade(client: FlaskClient) -> None:
    handshake = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13"}
    response = client.get("/p45/ws", headers={**handshake, "Origin": "http://evil.example"})
    assert response.status_code == 403
    assert response.get_json()["type"] == "/problems/forbidden"


def test_the_route_is_documented_as_an_upgrade(client: FlaskClient) -> None:
    """A GET answered 101 (p10's checks and the fuzzer skip such operations)."""
    operation = client.get("/openapi.json").get_json()["paths"]["/p45/ws"]["get"]
    assert {"101", "400", "403"} <= set(operation["responses"])
