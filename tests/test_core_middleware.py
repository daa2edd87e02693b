"""Hooks on every request: request id, Server-Timing, nosniff, CORS, the JSON access log."""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request, session
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder

from flask_track import config as cfg  # the module: pytest would collect a Test* class
from flask_track import create_app
from flask_track.core.middleware import RequestStamp, request_path
from flask_track.core.request_id import new_request_id

ALLOWED = "http://allowed.example"
SERVER_TIMING = re.compile(r"^app;dur=[0-9]+(\.[0-9]+)?(, .+)?$")
# One request of each kind: success, routing 404, 405, and an error raised in a view.
EVERY_KIND = [("GET", "/health", 200), ("GET", "/nope", 404), ("DELETE", "/health", 405)]


def make_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cors: str | None) -> Flask:
    """A testing app with CORS_ORIGINS set to `cors` (None: the variable is not set at all)."""
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'mw.sqlite3'}")
    if cors is None:
        monkeypatch.delenv("CORS_ORIGINS", raising=False)
    else:
        monkeypatch.setenv("CORS_ORIGINS", cors)
    return create_app(cfg.TestingConfig())


# ---------------------------------------------------------------- request id


def test_a_well_formed_request_id_is_echoed(client: FlaskClient):
    sent = "Abc.123_-" + "x" * 100
    assert client.get("/health", headers={"X-Request-ID": sent}).headers["X-Request-ID"] == sent


@pytest.mark.parametrize(
    "sent", ["x" * 129, "has space", "semi;colon", "<script>", "ünï", "a\tb", ""]
)
def test_a_malformed_request_id_is_replaced_by_a_uuid4(client: FlaskClient, sent: str):
    got = client.get("/health", headers={"X-Request-ID": sent}).headers["X-Request-ID"]
    assert got != sent
    assert uuid.UUID(got).version == 4


def test_each_request_gets_its_own_id(client: FlaskClient):
    ids = {client.get("/health").headers["X-Request-ID"] for _ in range(5)}
    assert len(ids) == 5


def test_problem_request_id_is_the_header(client: FlaskClient):
    response = client.get("/nope", headers={"X-Request-ID": "trace-me"})
    assert response.get_json()["request_id"] == "trace-me"
    assert response.headers["X-Request-ID"] == "trace-me"


# ---------------------------------------------------------------- headers on every response


@pytest.mark.parametrize(("method", "path", "status"), EVERY_KIND)
def test_every_response_has_timing_nosniff_and_an_id(
    client: FlaskClient, method: str, path: str, status: int
):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert SERVER_TIMING.match(response.headers["Server-Timing"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Request-ID"]


# ---------------------------------------------------------------- CORS


def test_cors_answers_a_listed_origin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    client = make_app(monkeypatch, tmp_path, f"{ALLOWED},http://other.example").test_client()
    response = client.get("/health", headers={"Origin": ALLOWED})
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]
    assert response.headers.get("Access-Control-Allow-Credentials") is None


def test_cors_preflight_for_a_listed_origin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    client = make_app(monkeypatch, tmp_path, ALLOWED).test_client()
    response = client.options(
        "/p01/health", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "GET"}
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "GET" in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_cors_ignores_an_unlisted_origin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, method: str
):
    client = make_app(monkeypatch, tmp_path, ALLOWED).test_client()
    response = client.open(
        "/health",
        method=method,
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_a_request_without_origin_gets_no_cors_headers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, method: str
):
    """No Origin, no CORS request: flask-cors's hook is skipped and adds nothing, not even Vary."""
    client = make_app(monkeypatch, tmp_path, ALLOWED).test_client()
    response = client.open(
        "/health", method=method, headers={"Access-Control-Request-Method": "GET"}
    )
    assert response.status_code in (200, 204)
    names = [k for k, _ in response.headers.items()]
    assert not [k for k in names if k.startswith("Access-Control-")], names
    assert "Vary" not in response.headers, names


def test_a_request_without_cookies_sets_no_cookie_and_no_vary(client: FlaskClient):
    """The API keeps no session: no Set-Cookie and no `Vary: Cookie` on a cookie-less request."""
    response = client.get("/health")
    assert "Set-Cookie" not in response.headers
    assert "Vary" not in response.headers


def test_a_signed_session_cookie_is_still_read(app: Flask):
    """A request that does carry Flask's session cookie still opens that session."""
    with app.test_request_context():
        session["seen"] = 1
        response = app.response_class()
        app.session_interface.save_session(app, session, response)
    cookie = response.headers["Set-Cookie"].split(";")[0]
    with app.test_request_context(headers={"Cookie": cookie}):
        opened = app.session_interface.open_session(app, request)
    assert opened is not None
    assert dict(opened) == {"seen": 1}


@pytest.mark.parametrize("cors", [None, ""])
def test_no_cors_origins_means_no_cors_headers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cors: str | None
):
    app = make_app(monkeypatch, tmp_path, cors)
    assert app.config["CORS_ORIGINS"] == []
    response = app.test_client().get("/health", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert not [k for k, _ in response.headers.items() if k.startswith("Access-Control-")]


# ---------------------------------------------------------------- the JSON access log


def log_records(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize(("method", "path", "status"), EVERY_KIND)
def test_one_json_access_line_per_request(
    client: FlaskClient,
    capsys: pytest.CaptureFixture[str],
    method: str,
    path: str,
    status: int,
):
    capsys.readouterr()  # drop what app creation logged
    response = client.open(path + "?token=do-not-log", method=method)
    out = capsys.readouterr().out
    access = [r for r in log_records(out) if r["logger"] == "flask_track.access"]
    assert len(access) == 1
    line = access[0]
    assert line["method"] == method
    assert line["path"] == path  # the path only: query strings may carry secrets
    assert line["status"] == status
    assert isinstance(line["duration_ms"], int | float) and line["duration_ms"] >= 0
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert "do-not-log" not in out


def test_every_log_line_is_one_json_object(client: FlaskClient, capsys: pytest.CaptureFixture[str]):
    client.get("/health")
    client.get("/nope")
    for line in capsys.readouterr().out.splitlines():
        record = json.loads(line)
        assert {"ts", "level", "logger", "message"} <= set(record)


# ---------------------------------------------------------------- forwarding headers


def _peer_seen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, hops: str) -> tuple[str, str]:
    """The client address and scheme a view sees for one request through a proxy."""
    monkeypatch.setenv("TRUSTED_PROXY_HOPS", hops)
    app = make_app(monkeypatch, tmp_path, cors=None)

    @app.get("/_peer")
    def peer() -> dict[str, str]:
        from flask import request

        return {"addr": request.remote_addr or "", "scheme": request.scheme}

    body = (
        app.test_client()
        .get(
            "/_peer",
            headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"},
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        )
        .get_json()
    )
    return body["addr"], body["scheme"]


def test_forwarding_headers_are_ignored_without_trusted_proxies(monkeypatch, tmp_path):
    assert _peer_seen(monkeypatch, tmp_path, "0") == ("10.0.0.2", "http")


def test_one_trusted_hop_takes_the_forwarded_client_address(monkeypatch, tmp_path):
    assert _peer_seen(monkeypatch, tmp_path, "1") == ("203.0.113.7", "https")


def test_only_the_trusted_hops_are_believed(monkeypatch, tmp_path):
    """With one trusted proxy, an address the client itself prepended is not believed."""
    monkeypatch.setenv("TRUSTED_PROXY_HOPS", "1")
    app = make_app(monkeypatch, tmp_path, cors=None)

    @app.get("/_peer")
    def peer() -> str:
        from flask import request

        return request.remote_addr or ""

    seen = app.test_client().get(
        "/_peer",
        headers={"X-Forwarded-For": "6.6.6.6, 203.0.113.7"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert seen.get_data(as_text=True) == "203.0.113.7"


def test_a_minted_request_id_is_a_canonical_uuid4():
    """The id minted without uuid.uuid4() is still a canonical, random version-4 UUID."""
    ids = [new_request_id() for _ in range(200)]
    for minted in ids:
        parsed = uuid.UUID(minted)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, minted)
    assert len(set(ids)) == len(ids)


def test_a_forked_worker_mints_other_ids_than_its_parent() -> None:
    """gunicorn forks its workers: each continues with its own ids, not the parent's sequence."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: its first id, then gone without running pytest's teardown
        os.write(write_end, new_request_id().encode())
        os._exit(0)
    os.close(write_end)
    os.waitpid(child, 0)
    with os.fdopen(read_end) as pipe:
        childs = pipe.read()
    assert uuid.UUID(childs).version == 4
    assert childs != new_request_id()  # the parent's next id, had the child not reseeded


def _access_lines(out: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [r for r in records if r.get("logger") == "flask_track.access"]


def test_a_views_server_timing_is_kept_after_ours_and_owned_headers_are_replaced(
    app: Flask,
) -> None:
    @app.get("/unit-owned-headers")
    def owned() -> Any:
        return (
            "ok",
            200,
            [
                ("Server-Timing", "db;dur=1.5"),
                ("Server-Timing", "cache;desc=hit"),
                ("X-Request-ID", "forged-by-the-view"),
                ("X-Content-Type-Options", "other"),
            ],
        )

    response = app.test_client().get("/unit-owned-headers", headers={"X-Request-ID": "abc-1"})
    assert response.headers.getlist("X-Request-ID") == ["abc-1"]
    assert response.headers.getlist("X-Content-Type-Options") == ["nosniff"]
    (timing,) = response.headers.getlist("Server-Timing")
    assert re.fullmatch(r"app;dur=\d+\.\d\d, db;dur=1\.5, cache;desc=hit", timing), timing


def test_a_response_that_never_starts_is_still_logged(capsys: pytest.CaptureFixture[str]) -> None:
    """A WebSocket (101, its server wrote the upgrade itself) or an escaped exception (500)."""

    def upgraded(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        return []  # flask-sock wrote "101 Switching Protocols" to the socket itself

    def broken(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise RuntimeError("escaped the app")

    base = {"REQUEST_METHOD": "GET", "PATH_INFO": "/p45/ws", "wsgi.input": None}
    capsys.readouterr()
    RequestStamp(upgraded)({**base, "HTTP_UPGRADE": "websocket"}, lambda *a: None)
    with pytest.raises(RuntimeError):
        RequestStamp(broken)(dict(base), lambda *a: None)
    lines = _access_lines(capsys.readouterr().out)
    assert [(r["path"], r["status"]) for r in lines] == [("/p45/ws", 101), ("/p45/ws", 500)]


def test_start_response_called_twice_logs_once(capsys: pytest.CaptureFixture[str]) -> None:
    """PEP 3333 lets an app call start_response again with exc_info: still one access line."""

    def retried(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [])
        start_response("500 INTERNAL SERVER ERROR", [], (None, None, None))
        return [b""]

    capsys.readouterr()
    RequestStamp(retried)({"REQUEST_METHOD": "GET", "PATH_INFO": "/x"}, lambda *a: None)
    assert [r["status"] for r in _access_lines(capsys.readouterr().out)] == [200]


@pytest.mark.parametrize(
    "path_info", ["/plain", "//double//slash", "", "/caf\xc3\xa9", "/bad\xff\xfebytes", "x/rel"]
)
def test_the_logged_path_is_flasks_request_path(app: Flask, path_info: str) -> None:
    """request_path(environ) decodes PATH_INFO exactly as werkzeug's request.path does."""
    environ = EnvironBuilder(path="/").get_environ()
    environ["PATH_INFO"] = path_info
    with app.request_context(environ):
        assert request_path(environ) == request.path
