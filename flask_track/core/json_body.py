"""Strict JSON request bodies, the same rules for every route (CATALOG §0, pinned details).

- no JSON content type            -> 415 unsupported-media-type
- empty, unparsable, not UTF-8,
  NaN/Infinity, 1e999 (overflow)  -> 400 malformed-json
- over MAX_CONTENT_LENGTH         -> 413 (raised by Werkzeug while reading the body)
"""

from __future__ import annotations

import json
import math
from typing import Any

import marshmallow as ma
from flask import Request, request
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser

from flask_track.core.problems import ProblemError


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} does not fit a double")
    return value


def parse_json_bytes(data: bytes) -> Any:
    """Parse a body the way RFC 8259 says, or raise the 400 problem."""
    try:
        return json.loads(
            data.decode("utf-8"),
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except (ValueError, UnicodeDecodeError, RecursionError):
        # json.JSONDecodeError is a ValueError; so are our NaN/overflow refusals and
        # Python's limit on the digits of a huge integer.
        raise ProblemError(400, "malformed-json", "The request body is not valid JSON.") from None


def read_json_body(req: Request | None = None) -> Any:
    """The request's JSON body, enforcing the content type and strict parsing."""
    req = req or request
    if not webargs_core.is_json(req.mimetype):
        raise ProblemError(
            415,
            "unsupported-media-type",
            "This route needs a JSON body: send Content-Type: application/json.",
        )
    return parse_json_bytes(req.get_data(cache=True))


class StrictJsonParser(FlaskParser):
    """webargs parser whose JSON location follows read_json_body()'s rules, and whose query
    string refuses a single-valued parameter given more than once."""

    def _raw_load_json(self, req: Request) -> Any:
        return read_json_body(req)

    def load_querystring(self, req: Request, schema: ma.Schema) -> Any:
        proxy = super().load_querystring(req, schema)
        # `?limit=5&limit=500` would silently use the first value (webargs' MultiDictProxy):
        # one reader (a cache, a proxy, a WAF) may check one value and the app use the other.
        # Repeats of a declared single-valued parameter are a 422 naming it (found by fuzzing).
        repeated = {
            name: ["Give this parameter once."]
            for name in _declared_names(schema)
            if name not in proxy.multiple_keys and len(req.args.getlist(name)) > 1
        }
        if repeated:
            raise ma.ValidationError(repeated)
        return proxy


def _declared_names(schema: ma.Schema) -> list[str]:
    """The names a schema's fields are read under (data_key when set)."""
    return [
        field.data_key if field.data_key is not None else name
        for name, field in schema.fields.items()
        if not field.dump_only
    ]
