"""core/body_limit.py: over-limit bodies are drained and refused, chunked ones measured."""

from __future__ import annotations

import io
from typing import Any

import pytest

from flask_track.core.body_limit import BodyLimit

LIMIT = 100
DRAIN = 1000


def environ(body: bytes, *, chunked: bool) -> dict[str, Any]:
    env: dict[str, Any] = {"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True}
    if chunked:
        env["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        env["CONTENT_LENGTH"] = str(len(body))
    return env


def test_content_length_over_limit_is_drained_and_keeps_its_length() -> None:
    """A declared over-limit body is read to its end, so the connection stays in sync."""
    body = b"x" * (LIMIT + 50)
    env = environ(body, chunked=False)
    original = env["wsgi.input"]
    BodyLimit._enforce(env, LIMIT, DRAIN)
    assert original.tell() == len(body)
    assert env["CONTENT_LENGTH"] == str(len(body))  # Werkzeug raises 413 from it


def test_content_length_past_the_drain_bound_is_not_read() -> None:
    """Past the drain bound nothing is read: a huge body must not tie up the thread."""
    env = environ(b"x" * (DRAIN + 1), chunked=False)
    original = env["wsgi.input"]
    BodyLimit._enforce(env, LIMIT, DRAIN)
    assert original.tell() == 0


@pytest.mark.parametrize("size", [1, LIMIT])
def test_chunked_within_limit_is_passed_on_whole(size: int) -> None:
    """A chunked body up to the limit reaches the app intact, with its real length."""
    body = b"y" * size
    env = environ(body, chunked=True)
    BodyLimit._enforce(env, LIMIT, DRAIN)
    assert env["CONTENT_LENGTH"] == str(size)
    assert "HTTP_TRANSFER_ENCODING" not in env
    assert env["wsgi.input"].read() == body


def test_chunked_over_limit_gets_a_length_over_the_limit() -> None:
    """A chunked body over the limit is drained and announced as over the limit (→ 413)."""
    env = environ(b"z" * (LIMIT + 1), chunked=True)
    BodyLimit._enforce(env, LIMIT, DRAIN)
    assert int(env["CONTENT_LENGTH"]) == LIMIT + 1
    assert env["wsgi.input"].read() == b""


def test_app_answers_413_problem_for_a_chunked_body(app: Any) -> None:
    """Through the app: chunked over 1 MiB on a JSON route → 413 payload-too-large."""
    client = app.test_client()
    body = b'"' + b"a" * (1024 * 1024) + b'"'
    response = client.post(
        "/p03/echo",
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        # What gunicorn (and Werkzeug's dev server) set when they de-chunk a body.
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.get_json()["type"].endswith("/payload-too-large")


def test_chunked_body_for_a_route_allowed_more_is_read_to_that_limit() -> None:
    """A route allowed a larger body (p31) gets a chunked body past the default limit whole."""
    body = b"u" * (LIMIT + 40)
    env = environ(body, chunked=True)
    BodyLimit._enforce(env, LIMIT, DRAIN, lambda _environ, _default: LIMIT * 2)
    assert env["CONTENT_LENGTH"] == str(len(body))
    assert env["wsgi.input"].read() == body


def test_a_request_within_the_limit_is_never_routed_again() -> None:
    """A bodiless GET (gunicorn marks its input terminated) and small bodies skip the routing."""
    routed: list[int] = []

    def route_limit(_environ: dict[str, Any], default: int) -> int:
        routed.append(default)
        return default

    for body in (b"", b"v" * LIMIT):
        BodyLimit._enforce(environ(body, chunked=True), LIMIT, DRAIN, route_limit)
    assert routed == []


def test_a_request_without_length_or_transfer_encoding_is_not_read() -> None:
    """No Content-Length and no Transfer-Encoding: no body (RFC 9112 §6.3), nothing read."""
    env: dict[str, Any] = {"wsgi.input": io.BytesIO(b"stray"), "wsgi.input_terminated": True}
    original = env["wsgi.input"]
    BodyLimit._enforce(env, LIMIT, DRAIN)
    assert original.tell() == 0
    assert env["wsgi.input"] is original
