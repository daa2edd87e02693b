"""p03 json-body (CATALOG Level 1): POST /p03/echo with any JSON value.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- `bytes` is the length of the raw request body as sent (whitespace included), not of the
  value serialized again;
- `received` must be the same JSON value: same types (true is not 1), same numbers, same
  strings and keys, non-ASCII included;
- a body of exactly 1 MiB (1,048,576 bytes) is accepted; one byte more is 413;
- a value nested 64 arrays/objects deep is accepted; the implementation's nesting limit is
  somewhere from 64 to 9,999 levels, and deeper → 400 malformed-json, the way the strict reader
  refuses other valid-grammar JSON beyond its limits (1e999), never a 500.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from contracts.harness import case, describe, expect_json, expect_problem

ONE_MIB = 1024 * 1024
JSON_HEADERS = {"Content-Type": "application/json"}

VALUES = [
    pytest.param(
        {"name": "ada", "tags": ["a", "b"], "n": 3, "ok": True, "x": None}, "object", id="object"
    ),
    pytest.param({}, "object", id="empty-object"),
    pytest.param([1, "two", 3.5, False, None, {"k": []}], "array", id="array"),
    pytest.param([], "array", id="empty-array"),
    pytest.param("hello", "string", id="string"),
    pytest.param("", "string", id="empty-string"),
    pytest.param(42, "number", id="integer"),
    pytest.param(-3.25, "number", id="float"),
    pytest.param(0, "number", id="zero"),
    pytest.param(True, "boolean", id="true"),
    pytest.param(False, "boolean", id="false"),
    pytest.param(None, "null", id="null"),
]


def kind(value: Any) -> str:
    """The JSON type of a decoded value; bool first, since True == 1 in Python."""
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return "number"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON values: types must match (true is not 1, "1" is not 1), numbers by value."""
    if kind(a) != kind(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def post_raw(api, content: bytes, headers: dict[str, str] | None = None):
    return api.post(
        "/p03/echo", content=content, headers=JSON_HEADERS if headers is None else headers
    )


@case("p03.echo-json-types")
@pytest.mark.parametrize(("value", "json_type"), VALUES)
def test_every_json_type_round_trips_with_its_type(api, value, json_type):
    """Any JSON value → 200 {"received": <the same value>, "type": <its JSON type>, "bytes"}."""
    response = post_raw(api, json.dumps(value).encode())
    body = expect_json(response, 200)
    assert isinstance(body, dict) and "received" in body, describe(response, "a received member")
    assert same_json(body["received"], value), describe(response, f"received == {value!r}")
    assert body.get("type") == json_type, describe(response, f"type == {json_type!r}")


@case("p03.non-ascii-round-trip")
def test_non_ascii_text_round_trips(api):
    """Non-ASCII strings and keys (accents, CJK, emoji) come back as the same characters."""
    value = {"grüße": "héllo wörld — 日本語 🚀", "list": ["ñ", "Ω"]}
    response = post_raw(api, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    body = expect_json(response, 200)
    assert same_json(body.get("received"), value), describe(response, f"received == {value!r}")
    assert body.get("type") == "object", describe(response, 'type == "object"')


@case("p03.bytes-is-raw-length")
@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'  {"a" :  1 ,\n "b": [ 1, 2 ] }\n', id="whitespace"),
        pytest.param('"déjà vu 🚀"'.encode(), id="multibyte-utf8"),
        pytest.param(b"7", id="one-byte"),
    ],
)
def test_bytes_is_the_raw_body_length(api, content):
    """`bytes` == the length in bytes of the body as sent (not characters, not re-serialized)."""
    response = post_raw(api, content)
    body = expect_json(response, 200)
    got = body.get("bytes")
    assert isinstance(got, int) and not isinstance(got, bool) and got == len(content), describe(
        response, f"bytes == {len(content)}"
    )


@case("p03.malformed-json-400")
@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"a": 1', id="unclosed-object"),
        pytest.param(b'{"a": }', id="missing-value"),
        pytest.param(b"{'a': 1}", id="single-quotes"),
        pytest.param(b"[1, 2,]", id="trailing-comma"),
        pytest.param(b"tru", id="bad-literal"),
        pytest.param(b'{"a": 1} {"b": 2}', id="two-values"),
        pytest.param(b'"\xff\xfe"', id="not-utf8"),
    ],
)
def test_malformed_json_is_400(api, content):
    """Content-Type application/json with a body that is not JSON → 400 malformed-json."""
    expect_problem(post_raw(api, content), 400, "malformed-json")


@case("p03.empty-body-400")
def test_empty_json_body_is_400(api):
    """Content-Type application/json with an empty body → 400 malformed-json (§0)."""
    expect_problem(post_raw(api, b""), 400, "malformed-json")


@case("p03.non-finite-number-400")
@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"NaN", id="nan"),
        pytest.param(b"Infinity", id="infinity"),
        pytest.param(b"-Infinity", id="minus-infinity"),
        pytest.param(b"1e999", id="overflow"),
        pytest.param(b'{"x": [1e999]}', id="nested-overflow"),
    ],
)
def test_non_finite_numbers_are_400(api, content):
    """NaN, Infinity and numbers beyond a double (1e999) are not JSON → 400 malformed-json."""
    expect_problem(post_raw(api, content), 400, "malformed-json")


@case("p03.non-json-content-type-415")
@pytest.mark.parametrize(
    ("content", "headers"),
    [
        pytest.param(b'{"a": 1}', {"Content-Type": "text/plain"}, id="text-plain"),
        pytest.param(b'{"a": 1}', {}, id="no-content-type"),
        pytest.param(
            b"a=1&b=2", {"Content-Type": "application/x-www-form-urlencoded"}, id="form-encoded"
        ),
        pytest.param(b"<a>1</a>", {"Content-Type": "application/xml"}, id="xml"),
    ],
)
def test_non_json_content_type_is_415(api, content, headers):
    """A body without a JSON Content-Type (even if it parses as JSON) → 415."""
    response = post_raw(api, content, headers)
    sent = response.request.headers.get("content-type")
    assert sent == headers.get("Content-Type"), describe(
        response, f"test setup: the request sent with Content-Type {headers.get('Content-Type')}"
    )
    expect_problem(response, 415, "unsupported-media-type")


@case("p03.body-over-limit-413")
def test_body_over_one_mib_is_413(api):
    """A valid JSON body of 1 MiB + 1 byte → 413 payload-too-large."""
    content = b'"' + b"a" * (ONE_MIB - 1) + b'"'
    assert len(content) == ONE_MIB + 1, "test setup: 1 MiB + 1 byte"
    expect_problem(post_raw(api, content), 413, "payload-too-large")


@case("p03.body-at-limit-accepted")
def test_body_of_exactly_one_mib_is_accepted(api):
    """A valid JSON body of exactly 1,048,576 bytes is within the limit → 200."""
    content = b'"' + b"a" * (ONE_MIB - 2) + b'"'
    assert len(content) == ONE_MIB, "test setup: exactly 1 MiB"
    response = post_raw(api, content)
    body = expect_json(response, 200)
    assert body.get("type") == "string" and body.get("bytes") == ONE_MIB, describe(
        response, f'type == "string" and bytes == {ONE_MIB}'
    )
    received = body.get("received")
    assert isinstance(received, str) and len(received) == ONE_MIB - 2, describe(
        response, f"received to be the {ONE_MIB - 2}-character string"
    )


def nested(depth: int) -> bytes:
    return b"[" * depth + b"1" + b"]" * depth


@case("p03.nesting-64-accepted")
def test_sixty_four_levels_of_nesting_round_trip(api):
    """A value nested 64 arrays deep (every server accepts at least that) → 200, the same back."""
    content = nested(64)
    response = post_raw(api, content)
    body = expect_json(response, 200)
    assert same_json(body.get("received"), json.loads(content)), describe(
        response, "received == the 64-level value"
    )


@case("p03.nesting-too-deep-400")
@pytest.mark.parametrize(
    "depth",
    [pytest.param(10_000, id="10000"), pytest.param(20_000, id="20000")],
)
def test_deeper_nesting_is_400(api, depth):
    """10,000 or more nested levels → 400 malformed-json (never a 500 from a recursion limit)."""
    expect_problem(post_raw(api, nested(depth)), 400, "malformed-json")
