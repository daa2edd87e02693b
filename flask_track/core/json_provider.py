"""JSON responses: UTF-8 with non-ASCII kept as is (CATALOG §0), schema field order kept."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from werkzeug.sansio.response import Response


class JsonProvider(DefaultJSONProvider):
    """Flask's provider without \\u escapes for non-ASCII text."""

    ensure_ascii = False
    sort_keys = False

    def __init__(self, app: Flask) -> None:
        super().__init__(app)
        self._compact: tuple[tuple[Any, ...], json.JSONEncoder] | None = None

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        """Flask's dumps, its text always writable as UTF-8 (see _utf8)."""
        text = super().dumps(obj, **kwargs)
        if _utf8(text) is None:
            kwargs["ensure_ascii"] = True
            return super().dumps(obj, **kwargs)
        return text

    def response(self, *args: Any, **kwargs: Any) -> Response:
        """Flask's JSON response, its body encoded once and by an encoder built once.

        What Flask's `response` writes, byte for byte (compact JSON and a newline). Flask
        calls `json.dumps` with keywords, which builds a new JSONEncoder on every call, then
        the response encodes the text to UTF-8 a second time after `dumps` checked it could:
        every JSON answer of the app comes through here (issue 11, bench/README.md).
        """
        if (self.compact is None and self._app.debug) or self.compact is False:
            return super().response(*args, **kwargs)  # indented: Flask's own path
        obj = self._prepare_response_obj(args, kwargs)
        body = _utf8(self._compact_encoder().encode(obj) + "\n")
        if body is None:
            body = (self.dumps(obj, separators=(",", ":")) + "\n").encode("utf-8")
        response_class: Any = self._app.response_class  # Flask's: it takes bytes too
        return response_class(body, mimetype=self.mimetype)  # type: ignore[no-any-return]

    def _compact_encoder(self) -> json.JSONEncoder:
        # Built again only if someone changed the provider's settings since (tests, an app
        # that wants sorted keys): the settings are the cache key.
        key = (self.ensure_ascii, self.sort_keys, self.default)
        cached = self._compact
        if cached is None or cached[0] != key:
            encoder = json.JSONEncoder(
                ensure_ascii=self.ensure_ascii,
                sort_keys=self.sort_keys,
                separators=(",", ":"),
                default=self.default,
            )
            cached = (key, encoder)
            self._compact = cached  # a race only builds the same encoder twice
        return cached[1]


def _utf8(text: str) -> bytes | None:
    """`text` as UTF-8, or None when it holds a lone surrogate.

    A lone surrogate ("\\ud800" is valid JSON input) cannot be written as UTF-8: the caller
    escapes it instead of failing with a 500 while the response is sent.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None
