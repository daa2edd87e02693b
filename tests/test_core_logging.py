"""core/logging: the access record's fast JSON line is the line the generic path writes."""

from __future__ import annotations

import json
import logging
import random
from datetime import UTC, datetime

import pytest

from flask_track.core.logging import (
    _ENCODER,
    _JSON_ATTR,
    access_record,
    iso_timestamp,
    record_to_dict,
)

LOGGER = logging.getLogger("flask_track.access")


@pytest.mark.parametrize(
    ("method", "path", "status", "duration_ms"),
    [
        ("GET", "/p02/quotes", 200, 0.42),
        ("POST", "/p13/notes", 201, 12.0),
        ("GET", "/caf\u00e9/\u4e03\u8ee2\u3073", 404, 1e-05),
        ("GET", '/a"quote\\back\nslash\ttab\x7f\x00', 404, 3.01),
        ("PATCH", "/\ufffd\ud7ff/x", 422, 123456.78),
        ("M-SEARCH", "/", 405, 0.0),
    ],
)
def test_the_access_line_is_what_the_generic_encoder_writes(
    method: str, path: str, status: int, duration_ms: float
) -> None:
    record = access_record(LOGGER, "req-1.a_B", method, path, status, duration_ms)
    fast = record.__dict__[_JSON_ATTR]
    assert fast == _ENCODER.encode(record_to_dict(record))
    assert json.loads(fast)["path"] == path


def test_iso_timestamp_is_datetimes_isoformat_to_the_millisecond() -> None:
    rng = random.Random(20261202)
    moments = [rng.uniform(0, 4e9) for _ in range(20_000)]
    moments += [1764680000 + n + 0.9999995 for n in range(50)]  # rounds up into the next second
    moments += [0.0, 1764680000.0, 1764680000.0005]
    for moment in moments:
        expected = datetime.fromtimestamp(moment, UTC).isoformat(timespec="milliseconds")
        assert iso_timestamp(moment) == expected, moment
