"""Reading one upload from a multipart body, streamed to UPLOAD_DIR, and checking it.

Nothing here trusts the client: not its Content-Type for the part (the type is sniffed from the
bytes with `filetype`), not its filename (neutralised, and only kept as metadata: the name on
disk is generated), not its Content-Length (the body is read through a limited stream and the
file part is counted as it arrives, so writing stops one byte past the limit).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import filetype
from flask import current_app, request
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData
from werkzeug.utils import secure_filename
from werkzeug.wsgi import LimitedStream

from flask_track.concepts.p31_file_upload.models import FILENAME_MAX
from flask_track.core.problems import ProblemError

# What may be uploaded: types `filetype` recognises from their magic numbers and that a browser
# cannot be talked into running. Everything it cannot recognise (plain text, HTML, SVG, JSON,
# scripts: text has no magic number) is refused, deny-by-default; see NOTES.md.
ALLOWED_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf")
FIELD_NAME = "file"
# The body limit is the file limit plus room for the multipart framing (boundaries and part
# headers); the file part itself is counted separately, to the byte.
FRAMING_SLACK = 16 * 1024
MAX_PARTS = 8
CHUNK = 64 * 1024
SNIFF_BYTES = 8192  # what filetype reads of a file (filetype.utils._NUM_SIGNATURE_BYTES)
# After an early answer (401, 413, 415, 422) the rest of the body is read and thrown away, up to
# this much, so a client that does not wait for `100-continue` reads the answer instead of a
# reset connection; beyond it the connection is closed (see drain_body).
DRAIN_MAX = 32 * 1024 * 1024
DRAIN_CHUNK = 256 * 1024


def max_bytes() -> int:
    """The largest file accepted (UPLOAD_MAX_BYTES)."""
    return int(current_app.config["UPLOAD_MAX_BYTES"])


def upload_dir() -> Path:
    """UPLOAD_DIR, or uploads/ in the instance folder: never a folder the app serves."""
    configured = current_app.config.get("UPLOAD_DIR")
    path = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def safe_filename(raw: str | None) -> str:
    """The client's filename made harmless: no directories, NUL, control or non-ASCII bytes.

    werkzeug's secure_filename keeps `[A-Za-z0-9_.-]` of the last path component (after an
    NFKD fold to ASCII); on top of it: runs of dots become one, at most FILENAME_MAX characters
    (the extension kept), and a name that ends up empty becomes "file".
    """
    name = secure_filename((raw or "").replace("\\", "/"))
    name = re.sub(r"\.{2,}", ".", name).strip("._")
    if len(name) > FILENAME_MAX:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = f"{stem[: FILENAME_MAX - len(ext) - 1]}.{ext}"
        else:
            name = name[:FILENAME_MAX]
    return name or "file"


def too_large() -> ProblemError:
    return ProblemError(
        413,
        "payload-too-large",
        f"The file is larger than {max_bytes()} bytes.",
    )


def invalid(field_name: str, message: str) -> ProblemError:
    return ProblemError.invalid_field(field_name, message)


@dataclass
class Received:
    """A file read to the end into a temporary file of UPLOAD_DIR: not visible under a real
    name until `publish()` renames it."""

    temp_path: Path
    filename: str
    size: int = 0
    head: bytearray = field(default_factory=bytearray)
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()

    def sniffed_type(self) -> str | None:
        """The MIME type the bytes say (None when filetype does not recognise them)."""
        kind = filetype.guess(bytes(self.head))
        return kind.mime if kind is not None else None

    def publish(self) -> str:
        """Rename the complete file to a generated name (atomic on one filesystem)."""
        stored_name = uuid.uuid4().hex
        os.replace(self.temp_path, self.temp_path.parent / stored_name)
        return stored_name

    def discard(self) -> None:
        self.temp_path.unlink(missing_ok=True)


class FileSink:
    """Where the bytes of the `file` part go: counted, hashed, the head kept for sniffing."""

    def __init__(self, received: Received, handle: IO[bytes], limit: int) -> None:
        self.received = received
        self.handle = handle
        self.limit = limit

    def write(self, data: bytes) -> None:
        received = self.received
        if received.size + len(data) > self.limit:
            raise too_large()  # stop writing: nothing past the limit reaches the disk
        if len(received.head) < SNIFF_BYTES:
            received.head += data[: SNIFF_BYTES - len(received.head)]
        received.digest.update(data)
        received.size += len(data)
        self.handle.write(data)


def receive_upload() -> Received:
    """Read the multipart body of this request: exactly one part `file`, nothing else.

    Raises ProblemError: 415 (not multipart), 400 (broken framing), 413 (too large), 422 (no
    `file` part, an unknown part, an empty file). The temporary file is removed on any error.
    """
    if request.mimetype != "multipart/form-data":
        raise ProblemError(
            415,
            "unsupported-media-type",
            "Send the file as multipart/form-data with a part named 'file'.",
        )
    boundary = request.mimetype_params.get("boundary", "")
    if not boundary or not boundary.isascii():
        raise ProblemError(400, None, "The multipart body has no usable boundary.")
    limit = max_bytes()
    # Flask 3.1: a per-request body limit; the stream below stops there (413), also for a
    # chunked body that has no Content-Length.
    request.max_content_length = limit + FRAMING_SLACK
    try:
        stream = request.stream
    except RequestEntityTooLarge:
        raise too_large() from None

    directory = upload_dir()
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed by publish()
        dir=directory, prefix=".incoming-", delete=False
    )
    received: Received | None = None
    try:
        with handle:
            received = _decode(stream, boundary.encode("ascii"), handle, limit, Path(handle.name))
        if received is None:
            raise invalid(FIELD_NAME, "Missing data for required field.")
        if received.size == 0:
            raise invalid(FIELD_NAME, "The file is empty.")
        return received
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _decode(
    stream: IO[bytes], boundary: bytes, handle: IO[bytes], limit: int, temp_path: Path
) -> Received | None:
    """Feed the body to werkzeug's sans-IO multipart decoder; write the file part to `handle`."""
    decoder = MultipartDecoder(boundary, max_parts=MAX_PARTS)
    received: Received | None = None
    sink: FileSink | None = None
    try:
        while True:
            chunk = stream.read(CHUNK)
            decoder.receive_data(chunk or None)
            event = decoder.next_event()
            while not isinstance(event, NeedData | Epilogue):
                if isinstance(event, File | Field):
                    if event.name != FIELD_NAME:
                        raise invalid(event.name or "_body", "Unknown field.")
                    if received is not None:
                        raise invalid(FIELD_NAME, "Send one file.")
                    filename = event.filename if isinstance(event, File) else None
                    received = Received(temp_path=temp_path, filename=safe_filename(filename))
                    sink = FileSink(received, handle, limit)
                elif isinstance(event, Data) and sink is not None:
                    sink.write(event.data)
                event = decoder.next_event()
            if not chunk:
                return received
    except RequestEntityTooLarge:  # the body limit (framing included), or too many parts
        raise too_large() from None
    except ClientDisconnected:
        raise
    except ValueError:  # broken framing (also a part header that is not UTF-8)
        raise ProblemError(400, None, "The multipart body is malformed.") from None


def drain_body() -> bool:
    """Read and discard what is left of the request body; False when more than DRAIN_MAX was
    left (the caller then closes the connection instead).

    Why: a view that answers before reading the whole body (a 401 before the upload, a 413 at
    the limit) leaves unread bytes in the socket; when the server closes it, the kernel answers
    the client's remaining bytes with a TCP reset, and a client that sends the whole body
    before reading (no `Expect: 100-continue`: httpx, requests, fetch) sees "connection reset"
    instead of the answer.
    """
    environ = request.environ
    stream = request.__dict__.get("stream")  # werkzeug caches request.stream once it is read
    budget = DRAIN_MAX
    if isinstance(stream, LimitedStream):
        try:
            while not stream.is_exhausted:
                data = stream.read(DRAIN_CHUNK)
                if not data:
                    return True
                budget -= len(data)
        except RequestEntityTooLarge:
            pass  # a chunked body past the limit: the rest is drained from the raw input below
        except ClientDisconnected:
            return True
        else:
            return True
    length = request.content_length
    raw = environ.get("wsgi.input")
    if raw is None:
        return True
    if length is not None:
        if stream is not None:
            return True  # a Content-Length stream: fully read above
        if length > budget:
            return False
        reader: io.RawIOBase | IO[bytes] = LimitedStream(raw, length)
    elif environ.get("wsgi.input_terminated"):
        reader = raw  # the server ends the stream at the end of a chunked body
    else:
        return True  # no length and not terminated: the server reads nothing more anyway
    try:
        while budget > 0:
            data = reader.read(min(DRAIN_CHUNK, budget))
            if not data:
                return True
            budget -= len(data)
    except (ClientDisconnected, OSError, ValueError):
        return True
    return False
