"""p32 static-files (CATALOG Level 4): GET /p32/static/{path} serves a shipped folder.

The folder holds at least `hello.txt` (SPEC.md). Traversal paths are sent byte for byte
(`raw_get`): httpx would otherwise remove `..` segments before they leave the client.
"""

from __future__ import annotations

import pytest

from contracts.harness import (
    case,
    describe,
    expect_problem,
    expect_status,
    header_value,
    media_type,
)

HELLO = "/p32/static/hello.txt"


def raw_get(api, raw_path: bytes, **kwargs):
    """GET a path exactly as given (no dot-segment removal, no re-encoding)."""
    return api.get(api.base_url.copy_with(raw_path=raw_path), **kwargs)


def hello(api):
    response = api.get(HELLO)
    expect_status(response, 200)
    assert response.content, describe(response, "a non-empty hello.txt")
    return response


@case("p32.serves-file-with-validators")
def test_a_shipped_file_is_served_with_validators(api):
    """GET /p32/static/hello.txt → 200 text/plain with ETag, Last-Modified and Cache-Control."""
    response = hello(api)
    assert media_type(response) == "text/plain", describe(response, "Content-Type text/plain")
    for name in ("etag", "last-modified", "cache-control"):
        header_value(response, name)


@case("p32.if-none-match-304")
def test_if_none_match_with_the_etag_is_304(api):
    """If-None-Match: <the ETag> → 304 with an empty body and the same ETag."""
    etag = header_value(hello(api), "etag")
    response = api.get(HELLO, headers={"If-None-Match": etag})
    expect_status(response, 304)
    assert response.content == b"", describe(response, "no body on a 304")
    assert header_value(response, "etag") == etag, describe(response, f"ETag {etag}")


@case("p32.if-none-match-other-200")
def test_if_none_match_with_another_etag_is_200(api):
    """If-None-Match with a different ETag → 200 with the file."""
    full = hello(api)
    response = api.get(HELLO, headers={"If-None-Match": '"not-the-etag"'})
    expect_status(response, 200)
    assert response.content == full.content, describe(response, "the whole file")


@case("p32.if-modified-since")
def test_if_modified_since(api):
    """If-Modified-Since: <Last-Modified> → 304; a date long before it → 200."""
    last_modified = header_value(hello(api), "last-modified")
    expect_status(api.get(HELLO, headers={"If-Modified-Since": last_modified}), 304)
    old = api.get(HELLO, headers={"If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"})
    expect_status(old, 200)


@case("p32.range-206")
@pytest.mark.parametrize(
    ("spec", "piece"),
    [
        pytest.param("bytes=0-4", slice(0, 5), id="first-five"),
        pytest.param("bytes=2-", slice(2, None), id="open-ended"),
        pytest.param("bytes=-3", slice(-3, None), id="suffix"),
    ],
)
def test_a_range_is_206_with_content_range(api, spec, piece):
    """Range: bytes=… → 206, the bytes asked for and Content-Range: bytes first-last/size."""
    full = hello(api).content
    response = api.get(HELLO, headers={"Range": spec})
    expect_status(response, 206)
    expected = full[piece]
    assert response.content == expected, describe(response, f"body {expected!r}")
    first = len(full) - len(expected) if piece.start is None or piece.start < 0 else piece.start
    content_range = f"bytes {first}-{first + len(expected) - 1}/{len(full)}"
    assert header_value(response, "content-range") == content_range, describe(
        response, f"Content-Range: {content_range}"
    )


@case("p32.range-unsatisfiable-416")
def test_an_unsatisfiable_range_is_416(api):
    """A range starting past the end → 416 problem (about:blank), Content-Range: bytes */size."""
    size = len(hello(api).content)
    response = api.get(HELLO, headers={"Range": f"bytes={size + 10}-"})
    expect_problem(response, 416, "about:blank")
    assert header_value(response, "content-range") == f"bytes */{size}", describe(
        response, f"Content-Range: bytes */{size} (RFC 9110 §14.4)"
    )


@case("p32.head")
def test_head_answers_the_headers_without_a_body(api):
    """HEAD /p32/static/hello.txt → 200, no body, the GET's Content-Length and ETag."""
    full = hello(api)
    response = api.head(HELLO)
    expect_status(response, 200)
    assert response.content == b"", describe(response, "no body")
    assert header_value(response, "content-length") == str(len(full.content)), describe(
        response, f"Content-Length {len(full.content)}"
    )
    assert header_value(response, "etag") == header_value(full, "etag"), describe(
        response, "the GET's ETag"
    )


@case("p32.missing-404")
@pytest.mark.parametrize(
    "path",
    ["/p32/static/no-such-file.txt", "/p32/static/hello.txt.bak", "/p32/static/nowhere/x.txt"],
)
def test_a_missing_file_is_404(api, path):
    """A path that names no shipped file → 404 not-found problem."""
    expect_problem(api.get(path), 404, "not-found")


TRAVERSALS = [
    pytest.param(b"/p32/static/../routes.py", id="dot-dot"),
    pytest.param(b"/p32/static/../../../../../../etc/passwd", id="dot-dot-deep"),
    pytest.param(b"/p32/static/%2e%2e/routes.py", id="encoded-dot-dot"),
    pytest.param(b"/p32/static/%2E%2E%2Froutes.py", id="encoded-dot-dot-slash"),
    pytest.param(b"/p32/static/.%2e/routes.py", id="half-encoded"),
    pytest.param(b"/p32/static/%252e%252e/routes.py", id="double-encoded"),
    pytest.param(b"/p32/static/%252e%252e%252froutes.py", id="double-encoded-slash"),
    pytest.param(b"/p32/static/..%5croutes.py", id="backslash"),
    pytest.param(b"/p32/static/%5c..%5c..%5cetc%5cpasswd", id="backslashes"),
    pytest.param(b"/p32/static/hello.txt%00.png", id="nul"),
    pytest.param(b"/p32/static/%00", id="nul-alone"),
    pytest.param(b"/p32/static//etc/passwd", id="absolute"),
    pytest.param(b"/p32/static/%2fetc%2fpasswd", id="encoded-absolute"),
    pytest.param(b"/p32/static/css/../../routes.py", id="down-then-up"),
]


@case("p32.traversal-404")
@pytest.mark.parametrize("raw_path", TRAVERSALS)
def test_traversal_is_404(api, raw_path):
    """`..` (plain, encoded, double-encoded), backslashes, NUL, absolute paths → 404 problem."""
    response = raw_get(api, raw_path)
    expect_problem(response, 404, "not-found")
    assert b"root:" not in response.content and b"import" not in response.content, describe(
        response, "nothing from outside the folder"
    )
