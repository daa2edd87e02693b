"""A second, deliberately different implementation of a few concepts: plain WSGI, stdlib only.

It exists to show that the contract suite is black-box: it was written from CATALOG.md (§0,
p01, p02, p03, p05, p06, p07) and the contract docstrings, never from `flask_track/`, and it
makes other legitimate choices wherever the catalog leaves one open (absolute problem `type`
URIs, other extra fields, other key order, other ids, other texts). Read README.md here.

    python -m contracts.selftest.app --port 8001
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

IMPLEMENTATION = "selftest (plain WSGI, Python stdlib)"
VERSION = "0.0.1-selftest"
# Absolute problem type URIs: RFC 9457 allows them, the catalog fixes only the /problems/<slug>.
PROBLEM_BASE = "https://selftest.invalid/problems/"
ONE_MIB = 1024 * 1024
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
# §0 path ids: ASCII digits only (str.isdigit() also accepts Arabic-Indic digits), within 64 bits.
PATH_ID = re.compile(r"[0-9]{1,19}")
MAX_ID = 2**63 - 1
# Statuses answered with a named problem when nothing more specific applies (§0, "pinned").
STATUS_SLUGS = {
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    412: "precondition-failed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    500: "internal-error",
    503: "dependency-unavailable",
}
# This implementation's own nesting limit for JSON bodies (the catalog sets none).
MAX_DEPTH = 500
STARTED = time.monotonic()

CONCEPTS = [
    ("p01", "health-check", "Liveness, the selftest way", 1),
    ("p02", "json-response", "A few quotes", 1),
    ("p03", "json-body", "Echo", 1),
    ("p05", "path-params", "Authors and their articles", 1),
    ("p06", "status-codes", "Items and arbitrary statuses", 1),
    ("p07", "validation", "Sign-up form checks", 1),
]


# ---------------------------------------------------------------- requests and responses


class Problem(Exception):
    """An error answer: raised anywhere, rendered as application/problem+json."""

    def __init__(
        self,
        status: int,
        detail: str,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug if slug is not None else STATUS_SLUGS.get(status)
        self.headers = headers or {}
        self.extra = extra


@dataclass
class Request:
    method: str
    path: str
    environ: dict[str, Any]
    request_id: str

    def header(self, name: str) -> str | None:
        key = "HTTP_" + name.upper().replace("-", "_")
        if name.lower() == "content-type":
            key = "CONTENT_TYPE"
        return self.environ.get(key) or None

    def base_url(self) -> str:
        host = self.environ.get("HTTP_HOST") or (
            f"{self.environ['SERVER_NAME']}:{self.environ['SERVER_PORT']}"
        )
        return f"{self.environ.get('wsgi.url_scheme', 'http')}://{host}"

    def raw_body(self) -> bytes:
        """The body, refused with 413 beyond 1 MiB (read, not trusted from Content-Length)."""
        if "chunked" in self.environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return read_chunked(self.environ["wsgi.input"], ONE_MIB)
        try:
            length = int(self.environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise Problem(400, "Content-Length is not a number.") from None
        stream = self.environ["wsgi.input"]
        if length > ONE_MIB:
            # Read it anyway (up to a bound) so the client sees our answer, not a reset.
            remaining = length if length <= 16 * ONE_MIB else 0
            while remaining > 0:
                chunk = stream.read(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)
            raise Problem(413, f"The body has {length} bytes; this server takes at most 1 MiB.")
        return stream.read(length) if length else b""

    def json(self) -> tuple[Any, int]:
        """The strict JSON body and its raw length: 415 / 400 / 413 as §0 says."""
        media = (self.header("content-type") or "").split(";")[0].strip().lower()
        if not (media == "application/json" or media.endswith("+json")):
            raise Problem(415, "Send the body as application/json.")
        raw = self.raw_body()
        return strict_json(raw), len(raw)


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] | None = None
    media_type: str = "application/json"

    def encode(self) -> bytes:
        if self.body is None:
            return b""
        return json.dumps(self.body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("number out of range")
    return value


def _depth(raw: bytes) -> int:
    """The deepest nesting of arrays/objects, counted outside strings (before parsing)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def strict_json(raw: bytes) -> Any:
    """RFC 8259 JSON only: UTF-8, no NaN/Infinity, no overflowing numbers, bounded depth."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, "The body is not UTF-8.", "malformed-json") from None
    if _depth(raw) > MAX_DEPTH:
        raise Problem(400, f"Nested deeper than {MAX_DEPTH} levels.", "malformed-json")
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, RecursionError) as error:
        # ValueError covers JSONDecodeError, NaN/Infinity, 1e999 and huge integers.
        raise Problem(
            400, f"The body is not valid JSON ({type(error).__name__}).", "malformed-json"
        ) from None


def invalid(errors: dict[str, list[str]]) -> Problem:
    return Problem(422, "Some fields are not valid; see errors.", errors=errors)


def path_id(raw: str) -> int:
    """§0: a path id is plain ASCII digits within 64 bits; anything else names nothing."""
    if not PATH_ID.fullmatch(raw) or int(raw) > MAX_ID:
        raise Problem(404, f"No resource has the id {raw!r}.")
    return int(raw)


# ---------------------------------------------------------------- app-wide routes (§0)


def read_chunked(stream: Any, limit: int) -> bytes:
    """A `Transfer-Encoding: chunked` body (RFC 9112 §7.1), 413 past `limit` bytes.

    wsgiref hands the raw socket to the app and decodes nothing, so this server reads the
    chunks itself: a size line in hex, the data, CRLF, until the zero-size last chunk.
    """
    body = bytearray()
    while True:
        line = stream.readline(1024)
        try:
            size = int(line.split(b";")[0].strip() or b"x", 16)
        except ValueError:
            raise Problem(400, "The chunked body is malformed.") from None
        if size == 0:
            while stream.readline(1024) not in (b"\r\n", b"\n", b""):
                pass  # trailer fields, if any
            return bytes(body)
        if len(body) + size > limit:
            raise Problem(413, f"The body is over {limit} bytes; this server takes at most 1 MiB.")
        body += stream.read(size)
        stream.readline(1024)  # the CRLF after the chunk's data


# The operations of this server that take a JSON body: enough of an OpenAPI document for the
# §0 cases that walk every JSON route (this server implements no p10, the full document).
JSON_OPERATIONS = {"/p03/echo": "post", "/p06/items": "post", "/p07/registrations": "post"}


def openapi(_request: Request) -> Response:
    """GET /openapi.json: a small OpenAPI 3 document of the JSON-body operations."""
    body = {"content": {"application/json": {"schema": {}}}, "required": True}
    paths = {
        path: {method: {"requestBody": body, "responses": {"default": {"description": "any"}}}}
        for path, method in JSON_OPERATIONS.items()
    }
    document = {"openapi": "3.0.3", "info": {"title": "selftest", "version": "1"}, "paths": paths}
    return Response(200, document)


def health(_request: Request) -> Response:
    """GET /health: liveness."""
    return Response(200, {"status": "ok"})


def ready(_request: Request) -> Response:
    """GET /ready: this server has no database, so it is ready once it answers."""
    return Response(200, {"ready": True, "status": "ok", "checks": {"database": "none"}})


def concepts(_request: Request) -> Response:
    """GET /concepts: only what this server implements."""
    listed = [{"level": lv, "title": t, "slug": s, "id": i} for i, s, t, lv in CONCEPTS]
    return Response(200, {"concepts": listed, "implementation": IMPLEMENTATION})


# ---------------------------------------------------------------- p01 health-check


def p01_health(_request: Request) -> Response:
    """GET /p01/health: status, version, uptime; never cached."""
    body = {
        "uptime_s": round(time.monotonic() - STARTED, 3),
        "checked_at": datetime.now(UTC).isoformat(),
        "version": VERSION,
        "status": "ok",
    }
    return Response(200, body, {"Cache-Control": "no-store, max-age=0"})


# ---------------------------------------------------------------- p02 json-response

QUOTES = [
    {"author": "Ada Lovelace", "id": 11, "text": "That brain of mine is more than mortal."},
    {
        "author": "Antoine de Saint-Exupéry",
        "id": 23,
        "text": "La perfection est atteinte quand il n'y a plus rien à retrancher.",
    },
    {"author": "Matsuo Bashō", "id": 37, "text": "古池や蛙飛び込む水の音"},
    {
        "author": "Grace Hopper",
        "id": 41,
        "text": "A ship in port is safe; that is not what ships are for.",
    },
    {
        "author": "Edsger W. Dijkstra",
        "id": 59,
        "text": "Simplicity is prerequisite for reliability.",
    },
    {"author": "Alan Kay", "id": 67, "text": "The best way to predict the future is to invent it."},
]
QUOTES_BY_ID = {q["id"]: {**q, "lang": "ja" if q["id"] == 37 else "en"} for q in QUOTES}


def p02_quotes(_request: Request) -> Response:
    """GET /p02/quotes: all of them."""
    items = list(QUOTES_BY_ID.values())
    return Response(200, {"count": len(items), "items": items})


def p02_random(_request: Request) -> Response:
    """GET /p02/quotes/random: one of them."""
    return Response(200, random.choice(list(QUOTES_BY_ID.values())))


def p02_quote(_request: Request, raw: str) -> Response:
    """GET /p02/quotes/{id}."""
    quote = QUOTES_BY_ID.get(path_id(raw))
    if quote is None:
        raise Problem(404, f"There is no quote {raw}.")
    return Response(200, quote)


# ---------------------------------------------------------------- p03 json-body


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return "number"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def p03_echo(request: Request) -> Response:
    """POST /p03/echo: any JSON value back, with its type and raw size."""
    value, size = request.json()
    return Response(200, {"bytes": size, "type": json_type(value), "received": value})


# ---------------------------------------------------------------- p05 path-params

# Post ids are global and deliberately not 1..n.
AUTHORS = {
    1: {"name": "Mary Shelley", "posts": [101, 104]},
    2: {"name": "Bashō", "posts": [102]},
    3: {"name": "Octavia Butler", "posts": [103, 105, 106]},
}
POSTS = {
    post_id: {"title": f"Note {post_id}", "body": f"Written by {a['name']}.", "user_id": uid}
    for uid, a in AUTHORS.items()
    for post_id in a["posts"]
}


def p05_user(_request: Request, raw: str) -> Response:
    """GET /p05/users/{id}."""
    user = AUTHORS.get(path_id(raw))
    if user is None:
        raise Problem(404, f"No user {raw}.")
    return Response(200, {"name": user["name"], "post_ids": user["posts"], "id": int(raw)})


def p05_post(_request: Request, raw_user: str, raw_post: str) -> Response:
    """GET /p05/users/{id}/posts/{post_id}: only that user's posts."""
    user_id, post_id = path_id(raw_user), path_id(raw_post)
    post = POSTS.get(post_id)
    if user_id not in AUTHORS or post is None or post["user_id"] != user_id:
        raise Problem(404, f"User {raw_user} has no post {raw_post}.")
    return Response(200, {"user_id": user_id, "id": post_id, **post})


# ---------------------------------------------------------------- p06 status-codes

ITEMS: dict[int, dict[str, Any]] = {}
ITEMS_LOCK = threading.Lock()
NEXT_ITEM = iter(range(5000, 10**12, 3))


def p06_create(request: Request) -> Response:
    """POST /p06/items {"name"}: 201 + Location, 409 on a name already taken."""
    body, _ = request.json()
    if not isinstance(body, dict):
        raise invalid({"_body": ["Send a JSON object."]})
    errors = {k: ["Unknown field."] for k in body if k != "name"}
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 100 or "\x00" in name:
        errors["name"] = ["A name is 1 to 100 characters, not only spaces."]
    if errors:
        raise invalid(errors)
    with ITEMS_LOCK:
        if any(item["name"] == name for item in ITEMS.values()):
            raise Problem(409, "An item has this name already.")
        item_id = next(NEXT_ITEM)
        ITEMS[item_id] = {"id": item_id, "name": name, "created": datetime.now(UTC).isoformat()}
        item = dict(ITEMS[item_id])
    location = f"{request.base_url()}/p06/items/{item_id}"  # absolute, as RFC 9110 allows
    return Response(201, item, {"Location": location})


def p06_item(request: Request, raw: str) -> Response:
    """GET / DELETE /p06/items/{id}."""
    item_id = path_id(raw)
    with ITEMS_LOCK:
        if item_id not in ITEMS:
            raise Problem(404, f"No item {raw}.")
        if request.method == "DELETE":
            del ITEMS[item_id]
            return Response(204)
        return Response(200, dict(ITEMS[item_id]))


def p06_status(_request: Request, raw: str) -> Response:
    """GET /p06/status/{code}: answer exactly that status."""
    if not PATH_ID.fullmatch(raw):
        raise Problem(404, f"{raw!r} is not a status code.")
    code = int(raw)
    if not 200 <= code <= 599:
        raise invalid({"code": ["Pick a status from 200 to 599."]})
    if code in (204, 205, 304):
        return Response(code)
    if code < 400:
        return Response(code, {"answered": code})
    headers = {}
    if code == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="selftest"'
    if code == 405:
        headers["Allow"] = "GET, HEAD"
    raise Problem(code, f"You asked for {code}.", STATUS_SLUGS.get(code, "about:blank"), headers)


# ---------------------------------------------------------------- p07 validation

USERNAME = re.compile(r"[a-z0-9_]{3,30}")
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
P07_FIELDS = {"username", "email", "age", "password", "website"}


def p07_register(request: Request) -> Response:
    """POST /p07/registrations: every field checked, every problem reported at once."""
    body, _ = request.json()
    if not isinstance(body, dict):
        raise invalid({"_body": ["Send a JSON object."]})
    errors: dict[str, list[str]] = {
        k: ["Not a field of a registration."] for k in body.keys() - P07_FIELDS
    }

    def text(name: str, required: bool = True) -> str | None:
        if name not in body:
            if required:
                errors.setdefault(name, []).append("Required.")
            return None
        value = body[name]
        if not isinstance(value, str):
            errors.setdefault(name, []).append("Must be a string.")
            return None
        if "\x00" in value:
            errors.setdefault(name, []).append("Must not contain NUL.")
            return None
        return value

    username = text("username")
    if username is not None:
        username = username.strip()
        if not USERNAME.fullmatch(username):
            errors.setdefault("username", []).append("3-30 of a-z, 0-9 and _.")
    email = text("email")
    if email is not None and not EMAIL.fullmatch(email):
        errors.setdefault("email", []).append("Not an email address.")
    age = body.get("age")
    if "age" not in body:
        errors["age"] = ["Required."]
    elif not isinstance(age, int) or isinstance(age, bool) or not 13 <= age <= 120:
        errors["age"] = ["A whole number from 13 to 120."]
    password = text("password")
    if password is not None and not 8 <= len(password) <= 128:
        errors.setdefault("password", []).append("8 to 128 characters.")
    website = text("website", required=False)
    if website is not None:
        parts = urlsplit(website)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            errors.setdefault("website", []).append("An http:// or https:// URL.")
    if errors:
        raise invalid(errors)
    answer: dict[str, Any] = {"email": email.lower(), "username": username, "age": age}
    if website is not None:
        answer["website"] = website
    answer["received_at"] = datetime.now(UTC).isoformat()
    return Response(201, answer)


# ---------------------------------------------------------------- routing


Handler = Callable[..., Response]
ROUTES: list[tuple[re.Pattern[str], dict[str, Handler]]] = [
    (re.compile(pattern), methods)
    for pattern, methods in [
        (r"/health", {"GET": health}),
        (r"/ready", {"GET": ready}),
        (r"/concepts", {"GET": concepts}),
        (r"/openapi\.json", {"GET": openapi}),
        (r"/p01/health", {"GET": p01_health}),
        (r"/p02/quotes", {"GET": p02_quotes}),
        (r"/p02/quotes/random", {"GET": p02_random}),
        (r"/p02/quotes/([^/]+)", {"GET": p02_quote}),
        (r"/p03/echo", {"POST": p03_echo}),
        (r"/p05/users/([^/]+)", {"GET": p05_user}),
        (r"/p05/users/([^/]+)/posts/([^/]+)", {"GET": p05_post}),
        (r"/p06/items", {"POST": p06_create}),
        (r"/p06/items/([^/]+)", {"GET": p06_item, "DELETE": p06_item}),
        (r"/p06/status/([^/]+)", {"GET": p06_status}),
        (r"/p07/registrations", {"POST": p07_register}),
    ]
]


def route(path: str) -> tuple[dict[str, Handler], tuple[str, ...]] | None:
    for pattern, methods in ROUTES:
        found = pattern.fullmatch(path)
        if found:
            return methods, found.groups()
    return None


def allowed(methods: dict[str, Handler]) -> list[str]:
    names = set(methods) | ({"HEAD"} if "GET" in methods else set())
    return sorted(names)


def cors_origins() -> set[str]:
    return {o.strip() for o in os.environ.get("CORS_ORIGINS", "").split(",") if o.strip()}


def dispatch(request: Request) -> Response:
    found = route(request.path)
    if found is None:
        raise Problem(404, f"Nothing lives at {request.path}.")
    methods, args = found
    origin = request.header("origin")
    if (
        request.method == "OPTIONS"
        and origin in cors_origins()
        and request.header("access-control-request-method")
    ):
        # A CORS preflight from a configured origin; the CORS headers are added by app().
        return Response(204, None, {"Access-Control-Allow-Methods": ", ".join(allowed(methods))})
    method = "GET" if request.method == "HEAD" else request.method
    handler = methods.get(method)
    if handler is None:
        raise Problem(
            405,
            f"{request.method} is not allowed here.",
            headers={"Allow": ", ".join(allowed(methods))},
        )
    return handler(request, *args)


def phrase(status: int) -> str:
    """The reason phrase of a status; unassigned ones (299, 599) get a made-up one."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Status {status}"


def problem_response(error: Problem, request: Request) -> Response:
    named = error.slug and error.slug != "about:blank"
    body = {
        "status": error.status,
        "type": PROBLEM_BASE + error.slug if named else "about:blank",
        "title": phrase(error.status),
        "detail": error.detail,
        "instance": request.path,
        "request_id": request.request_id,
        **error.extra,
    }
    return Response(error.status, body, error.headers, "application/problem+json")


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The WSGI entry point: §0 headers, problem+json for every error, one JSON log line."""
    started = time.perf_counter()
    incoming = environ.get("HTTP_X_REQUEST_ID", "")
    request_id = incoming if REQUEST_ID.fullmatch(incoming) else str(uuid.uuid4())
    # PATH_INFO is latin-1-decoded bytes (PEP 3333); recover the UTF-8 the client sent.
    path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace") or "/"
    request = Request(environ["REQUEST_METHOD"].upper(), path, environ, request_id)
    try:
        response = dispatch(request)
    except Problem as error:
        response = problem_response(error, request)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        response = problem_response(Problem(500, "Something went wrong on our side."), request)
    payload = b"" if request.method == "HEAD" else response.encode()
    headers = dict(response.headers or {})
    if response.body is not None:
        headers["Content-Type"] = f"{response.media_type}; charset=utf-8"
        headers["Content-Length"] = str(len(response.encode()))
    origin = request.header("origin")
    if origin and origin in cors_origins():
        headers["Access-Control-Allow-Origin"] = origin
        headers["Vary"] = "Origin"
        headers["Access-Control-Expose-Headers"] = "X-Request-ID, Location, Server-Timing"
        if response.status == 204 and request.method == "OPTIONS":
            headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization, X-Request-ID"
            headers["Access-Control-Max-Age"] = "600"
    headers["X-Request-ID"] = request_id
    headers["X-Content-Type-Options"] = "nosniff"
    elapsed_ms = (time.perf_counter() - started) * 1000
    headers["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
    reason = (
        HTTPStatus(response.status).phrase
        if response.status in HTTPStatus._value2member_map_
        else "Unassigned"
    )
    start_response(f"{response.status} {reason}", list(headers.items()))
    log = {"ts": datetime.now(UTC).isoformat(), "request_id": request_id, "method": request.method}
    log |= {"path": path, "status": response.status, "duration_ms": round(elapsed_ms, 2)}
    print(json.dumps(log), flush=True)
    return [payload]


# ---------------------------------------------------------------- serving


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """app() logs each request as JSON already."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8001")))
    args = parser.parse_args(argv)
    with make_server(args.host, args.port, app, ThreadingServer, QuietHandler) as server:
        print(f"selftest serving on http://{args.host}:{args.port}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
