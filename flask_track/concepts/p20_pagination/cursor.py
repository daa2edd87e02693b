"""Opaque, tamper-evident keyset cursors: base64url(payload) "." base64url(HMAC-SHA256).

The payload is the sort key of the last row a client saw: (created_at in microseconds since the
epoch, id). Clients must treat the token as opaque; the HMAC (keyed from SECRET_KEY) makes any
edit detectable, so the server never runs a query from a position it did not hand out. It is
not encryption: anyone can base64-decode the payload, so it must hold nothing secret.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

VERSION = 1
MAC_BYTES = 16  # 128 bits: forging one is out of reach, and the token stays short
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# What the OpenAPI document states; anything else cannot be one of ours.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{22}$"
CURSOR_MAX_LENGTH = 223


class InvalidCursor(ValueError):
    """The cursor was not issued by this server (or was altered)."""


@dataclass(frozen=True)
class Position:
    """Where the previous page ended: the (created_at, id) of its last row."""

    created_at: datetime
    id: int


def _key(secret: str) -> bytes:
    # A key of its own, derived from SECRET_KEY: a cursor MAC can never be replayed as a
    # session signature or any other HMAC the app makes with the same secret.
    return hmac.new(secret.encode(), b"flask-track/p20/cursor", hashlib.sha256).digest()


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 4)
    try:
        data = base64.b64decode(padded, altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise InvalidCursor("The cursor is not base64url.") from None
    # base64 lets a few texts decode to the same bytes; accept only the one we would write.
    if _b64encode(data) != text:
        raise InvalidCursor("The cursor is not in canonical form.")
    return data


def _mac(payload: bytes, secret: str) -> bytes:
    return hmac.new(_key(secret), payload, hashlib.sha256).digest()[:MAC_BYTES]


def encode_cursor(position: Position, secret: str) -> str:
    """The opaque token for a position."""
    delta = position.created_at.astimezone(UTC) - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    payload = json.dumps([VERSION, micros, position.id], separators=(",", ":")).encode()
    return f"{_b64encode(payload)}.{_b64encode(_mac(payload, secret))}"


def decode_cursor(token: str, secret: str) -> Position:
    """The position a token stands for, or InvalidCursor if this server did not issue it."""
    payload_text, dot, mac_text = token.partition(".")
    if not dot or not payload_text or not mac_text:
        raise InvalidCursor("The cursor is malformed.")
    payload, mac = _b64decode(payload_text), _b64decode(mac_text)
    # Constant-time comparison: timing must not reveal how many leading bytes were right.
    if not hmac.compare_digest(mac, _mac(payload, secret)):
        raise InvalidCursor("The cursor has been altered or was issued by another server.")
    try:
        version, micros, row_id = json.loads(payload)
        if version != VERSION or not all(type(n) is int for n in (micros, row_id)):
            raise ValueError("unexpected payload")
        created_at = EPOCH + timedelta(microseconds=micros)
    except (ValueError, TypeError, OverflowError):
        # Only reachable with a valid MAC over a payload we never wrote (a reused secret).
        raise InvalidCursor("The cursor is not understood.") from None
    return Position(created_at, row_id)
