"""p31 file-upload (CATALOG Level 4): POST /p31/files (multipart `file`), metadata, download.

Every upload the suite sends is a PNG it builds itself (SPEC.md: image/png is always allowed);
bodies with odd filenames or broken framing are written byte for byte (`multipart`), so the
client library cannot clean them up first. The size cases read `max_bytes` from /p31/limits.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
    header_value,
    media_type,
)
from contracts.harness.ids import NON_INTEGER_IDS
from contracts.level3.auth_helpers import expect_token_problem, get_token

FILE_FIELDS = ("id", "filename", "size", "content_type", "sha256")
SAFE_FILENAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


def png(size: int = 200) -> bytes:
    """A valid 1x1 PNG header followed by random padding, `size` bytes in all (unique each)."""
    header = b"\x89PNG\r\n\x1a\n"
    chunk = b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    header += struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    assert size >= len(header) + 16
    return header + secrets.token_bytes(16) + b"\x00" * (size - len(header) - 16)


def multipart(parts: list[tuple[bytes, bytes]], boundary: bytes = b"p31-contract") -> tuple:
    """A multipart/form-data body from (Content-Disposition params, data) pairs, raw bytes."""
    body = b"".join(
        b"--" + boundary + b"\r\nContent-Disposition: form-data; " + params + b"\r\n"
        b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n"
        for params, data in parts
    )
    body += b"--" + boundary + b"--\r\n"
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary.decode()}"}


def upload(api, account, data: bytes, filename: str = "pic.png", content_type="image/png"):
    return api.post(
        "/p31/files", headers=account.headers, files={"file": (filename, data, content_type)}
    )


def expect_file(response: httpx.Response, data: bytes) -> dict:
    """201 with the metadata of exactly these bytes (sniffed as image/png)."""
    body = expect_json(response, 201)
    for name in FILE_FIELDS:
        assert name in body, describe(response, f"field {name!r}")
    assert isinstance(body["id"], int), describe(response, "an integer id")
    assert body["size"] == len(data), describe(response, f"size {len(data)}")
    assert body["content_type"] == "image/png", describe(response, "content_type image/png")
    digest = hashlib.sha256(data).hexdigest()
    assert body["sha256"] == digest, describe(response, f"sha256 {digest}")
    return body


def limits(api) -> dict:
    body = expect_json(api.get("/p31/limits"), 200)
    return body


# ---------------------------------------------------------------- limits and the upload


@case("p31.limits")
def test_limits_answer_max_bytes_and_allowed_types(api):
    """GET /p31/limits → 200 {"max_bytes": int > 0, "allowed_types": [...]} with image/png and
    without text/html or image/svg+xml."""
    response = api.get("/p31/limits")
    body = expect_json(response, 200)
    assert isinstance(body.get("max_bytes"), int) and body["max_bytes"] > 0, describe(
        response, "max_bytes, a positive integer"
    )
    types = body.get("allowed_types")
    assert isinstance(types, list) and all(isinstance(t, str) for t in types), describe(
        response, "allowed_types, a list of strings"
    )
    assert "image/png" in types, describe(response, "image/png allowed")
    assert not {"text/html", "image/svg+xml"} & set(types), describe(
        response, "neither text/html nor image/svg+xml allowed"
    )


@case("p31.upload-201")
def test_an_upload_answers_201_with_its_metadata(api, user):
    """POST /p31/files (multipart `file`, a PNG) → 201 id, filename, size, content_type, sha256."""
    data = png(1000)
    expect_file(upload(api, user, data), data)


@case("p31.without-token-401")
def test_uploading_without_a_token_is_401(api):
    """POST /p31/files without a token → 401 token-missing."""
    response = api.post("/p31/files", files={"file": ("pic.png", png(), "image/png")})
    expect_token_problem(response, "token-missing")


@case("p31.type-sniffed")
def test_the_type_comes_from_the_bytes_not_the_client(api, user):
    """PNG bytes sent as `text/html` named page.html → 201 with content_type image/png."""
    data = png()
    expect_file(upload(api, user, data, filename="page.html", content_type="text/html"), data)


DISALLOWED = [
    pytest.param(b"<!DOCTYPE html><html><script>alert(1)</script></html>", id="html"),
    pytest.param(
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', id="svg"
    ),
    pytest.param(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', id="xml-svg"),
    pytest.param(b"#!/bin/sh\nrm -rf /\n", id="shell-script"),
    pytest.param(b"alert(document.cookie);\n", id="javascript"),
    pytest.param(b"just some plain text\n", id="plain-text"),
    pytest.param(b"PK\x03\x04" + b"\x00" * 100, id="zip"),
    pytest.param(b"MZ\x90\x00" + b"\x00" * 100, id="exe"),
]


@case("p31.disallowed-type-415")
@pytest.mark.parametrize("data", DISALLOWED)
def test_a_disallowed_type_is_415(api, user, data):
    """Content that is not an allowed type (HTML, SVG, scripts, text, archives, executables),
    even sent as image/png named pic.png → 415 unsupported-media-type."""
    expect_problem(upload(api, user, data), 415, "unsupported-media-type")


@case("p31.not-multipart-415")
def test_a_body_that_is_not_multipart_is_415(api, user):
    """A JSON (or raw) body instead of multipart/form-data → 415 unsupported-media-type."""
    expect_problem(
        api.post("/p31/files", headers=user.headers, json={"file": "x"}),
        415,
        "unsupported-media-type",
    )
    raw = api.post(
        "/p31/files", headers={**user.headers, "Content-Type": "image/png"}, content=png()
    )
    expect_problem(raw, 415, "unsupported-media-type")


@case("p31.missing-file-422")
def test_multipart_without_a_file_part_is_422(api, user):
    """multipart/form-data without a part `file` → 422 with errors.file."""
    body, headers = multipart([])
    response = api.post("/p31/files", headers={**user.headers, **headers}, content=body)
    expect_validation_error(response, "file")


@case("p31.unknown-part-422")
def test_an_unknown_part_is_422(api, user):
    """A part other than `file` (here `owner_id`, next to a good file) → 422 naming it."""
    body, headers = multipart(
        [(b'name="file"; filename="a.png"', png()), (b'name="owner_id"', b"1")]
    )
    response = api.post("/p31/files", headers={**user.headers, **headers}, content=body)
    expect_validation_error(response, "owner_id")


@case("p31.empty-file-422")
def test_an_empty_file_is_422(api, user):
    """A `file` part with no bytes → 422 with errors.file."""
    expect_validation_error(upload(api, user, b""), "file")


# ---------------------------------------------------------------- the size limit


@case("p31.exact-max-accepted")
def test_a_file_of_exactly_max_bytes_is_accepted(api, user):
    """A file of exactly max_bytes → 201 (the body limit leaves room for the framing)."""
    data = png(limits(api)["max_bytes"])
    expect_file(upload(api, user, data), data)


@case("p31.one-byte-over-413")
def test_one_byte_over_max_bytes_is_413(api, user):
    """A file of max_bytes + 1 → 413 payload-too-large, read by a client that sends the whole
    body without waiting for 100-continue; the same connection then still works."""
    response = upload(api, user, png(limits(api)["max_bytes"] + 1))
    expect_problem(response, 413, "payload-too-large")
    expect_json(api.get("/p31/limits"), 200)


@case("p31.large-body-413")
@pytest.mark.parametrize("factor", [2, 8])
def test_a_large_body_with_content_length_gets_the_413(target, user, factor):
    """A body of 2x / 8x max_bytes with Content-Length from a fresh httpx client (no
    `Expect: 100-continue`) → the client reads a 413 problem (not a reset connection)."""
    with httpx.Client(base_url=target.base_url, timeout=60) as client:
        size = limits(client)["max_bytes"] * factor
        response = upload(client, user, png(size))
        assert "expect" not in {name.lower() for name in response.request.headers}
        expect_problem(response, 413, "payload-too-large")
        expect_json(client.get("/p31/limits"), 200)


@case("p31.chunked-over-413")
def test_a_chunked_body_over_the_limit_is_413(api, user):
    """The same file over the limit, sent chunked (no Content-Length) → 413."""
    body, headers = multipart(
        [(b'name="file"; filename="a.png"', png(limits(api)["max_bytes"] * 2))]
    )

    def chunks():
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    response = api.post("/p31/files", headers={**user.headers, **headers}, content=chunks())
    assert "content-length" not in {name.lower() for name in response.request.headers}
    expect_problem(response, 413, "payload-too-large")


@case("p31.without-token-large-body-401")
def test_a_large_body_without_a_token_still_gets_the_401(target):
    """No token and a body of 3x max_bytes → the client reads the 401 (the server reads the
    body before answering, instead of resetting the connection)."""
    with httpx.Client(base_url=target.base_url, timeout=60) as client:
        size = limits(client)["max_bytes"] * 3
        response = client.post("/p31/files", files={"file": ("a.png", png(size), "image/png")})
        expect_token_problem(response, "token-missing")


# ---------------------------------------------------------------- filenames

ODD_FILENAMES = [
    pytest.param(b"../../../etc/passwd.png", id="dot-dot-slash"),
    pytest.param(b"..\\..\\windows\\win.png", id="dot-dot-backslash"),
    pytest.param(b"/etc/passwd", id="absolute"),
    pytest.param(b"a\x00b.png", id="nul"),
    pytest.param(b"..", id="only-dots"),
    pytest.param(b".htaccess", id="dotfile"),
    pytest.param(b"a\x01\x1b[31mred\x7f.png", id="control-bytes"),
    pytest.param("\u202egnp.exe".encode(), id="rtl-override"),
    pytest.param("résumé 2024.png".encode(), id="non-ascii"),
    pytest.param(b"a\\\"b';c.png", id="quotes"),
    pytest.param(b"x" * 300 + b".png", id="very-long"),
    pytest.param(b"", id="empty"),
]


@case("p31.filename-neutralised")
@pytest.mark.parametrize("raw_name", ODD_FILENAMES)
def test_odd_filenames_are_neutralised(api, user, raw_name):
    """`../`, backslashes, absolute paths, NUL, control and non-ASCII bytes, quotes, huge or
    empty names → 201 with a filename matching [A-Za-z0-9_][A-Za-z0-9_.-]{0,99}, no `..`."""
    data = png()
    body, headers = multipart([(b'name="file"; filename="' + raw_name + b'"', data)])
    response = api.post("/p31/files", headers={**user.headers, **headers}, content=body)
    name = expect_file(response, data)["filename"]
    assert isinstance(name, str) and SAFE_FILENAME.fullmatch(name) and ".." not in name, describe(
        response, f"a safe filename (got {name!r})"
    )


# ---------------------------------------------------------------- reading it back


@case("p31.metadata-owner")
def test_the_owner_reads_the_metadata(api, user):
    """GET /p31/files/{id} (owner) → 200 with the same metadata as the upload's answer."""
    data = png()
    created = expect_file(upload(api, user, data), data)
    response = api.get(f"/p31/files/{created['id']}", headers=user.headers)
    body = expect_json(response, 200)
    for name in FILE_FIELDS:
        assert body.get(name) == created[name], describe(response, f"{name} {created[name]!r}")


@case("p31.download")
def test_the_download_is_an_attachment_with_the_sniffed_type(api, user):
    """GET /p31/files/{id}/content → 200 the same bytes, Content-Type image/png (sniffed),
    Content-Disposition: attachment with the stored filename, X-Content-Type-Options: nosniff."""
    data = png(5000)
    created = expect_file(
        upload(api, user, data, filename="photo.html", content_type="text/html"), data
    )
    response = api.get(f"/p31/files/{created['id']}/content", headers=user.headers)
    expect_status(response, 200)
    assert response.content == data, describe(response, "the uploaded bytes")
    assert media_type(response) == "image/png", describe(response, "Content-Type image/png")
    assert header_value(response, "x-content-type-options").lower() == "nosniff"
    disposition = header_value(response, "content-disposition")
    assert disposition.lower().startswith("attachment"), describe(response, "attachment")
    assert created["filename"] in disposition, describe(
        response, f"the filename {created['filename']!r} in Content-Disposition"
    )


@case("p31.download-disposition-safe")
def test_the_disposition_header_cannot_be_broken_by_the_name(api, user):
    """A filename with quotes, `;` and CR/LF-like bytes → Content-Disposition is one attachment
    header whose filename parameter has no quote, CR, LF or path separator inside it."""
    data = png()
    body, headers = multipart([(b'name="file"; filename="a\\";b=c;\tX-Evil: 1.png"', data)])
    response = api.post("/p31/files", headers={**user.headers, **headers}, content=body)
    created = expect_file(response, data)
    download = api.get(f"/p31/files/{created['id']}/content", headers=user.headers)
    expect_status(download, 200)
    disposition = header_value(download, "content-disposition")
    assert "x-evil" not in {name.lower() for name in download.headers}, describe(
        download, "no injected header"
    )
    match = re.search(r'filename="?([^";]*)"?', disposition)
    assert match and SAFE_FILENAME.fullmatch(match.group(1)), describe(
        download, "a plain, safe filename parameter"
    )


@case("p31.other-user-404")
def test_another_user_gets_404(api, user, make_user):
    """Another user's token → 404 not-found on the metadata and on the content."""
    created = expect_file(upload(api, user, data := png()), data)
    other = make_user()
    other.access_token = get_token(api, other.email, other.password)
    for path in (f"/p31/files/{created['id']}", f"/p31/files/{created['id']}/content"):
        expect_problem(api.get(path, headers=other.headers), 404, "not-found")


@case("p31.admin-reads")
def test_an_admin_reads_anyones_file(api, user, admin):
    """The admin → 200 on another user's metadata and content."""
    data = png()
    created = expect_file(upload(api, user, data), data)
    meta = api.get(f"/p31/files/{created['id']}", headers=admin.headers)
    assert expect_json(meta, 200).get("sha256") == created["sha256"], describe(meta, "the file")
    content = api.get(f"/p31/files/{created['id']}/content", headers=admin.headers)
    expect_status(content, 200)
    assert content.content == data, describe(content, "the uploaded bytes")


@case("p31.reads-without-token-401")
def test_reading_without_a_token_is_401(api, user):
    """GET metadata or content without a token → 401 token-missing."""
    created = expect_file(upload(api, user, data := png()), data)
    for path in (f"/p31/files/{created['id']}", f"/p31/files/{created['id']}/content"):
        expect_token_problem(api.get(path), "token-missing")


@case("p31.unknown-id-404")
@pytest.mark.parametrize("raw", [*NON_INTEGER_IDS, pytest.param(str(2**63 - 1), id="max-id")])
def test_unknown_or_malformed_ids_are_404(api, user, raw):
    """An id that is not a plain 64-bit integer, or names no file → 404 not-found."""
    for path in (f"/p31/files/{raw}", f"/p31/files/{raw}/content"):
        expect_problem(api.get(path, headers=user.headers), 404, "not-found")


# ---------------------------------------------------------------- concurrency


@case("p31.concurrent-uploads")
def test_twenty_concurrent_uploads_are_twenty_files(target, user):
    """20 uploads at once by one user → 20 x 201, 20 distinct ids, each download has its sha256."""
    blobs = [png(20_000 + i) for i in range(20)]

    def send(data: bytes) -> httpx.Response:
        with httpx.Client(base_url=target.base_url, timeout=60) as client:
            return upload(client, user, data)

    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(send, blobs))
    bodies = [expect_file(response, data) for response, data in zip(responses, blobs, strict=True)]
    ids = {body["id"] for body in bodies}
    assert len(ids) == 20, f"20 distinct ids, got {sorted(body['id'] for body in bodies)}"
    with httpx.Client(base_url=target.base_url, timeout=60) as client:
        for body, data in zip(bodies, blobs, strict=True):
            response = client.get(f"/p31/files/{body['id']}/content", headers=user.headers)
            expect_status(response, 200)
            assert hashlib.sha256(response.content).hexdigest() == body["sha256"] and (
                response.content == data
            ), describe(response, f"the bytes of upload {body['id']}")
