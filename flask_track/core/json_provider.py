"""JSON responses: UTF-8 with non-ASCII kept as is (CATALOG §0), schema field order kept."""

from __future__ import annotations

from typing import Any

from flask.json.provider import DefaultJSONProvider


class JsonProvider(DefaultJSONProvider):
    """Flask's provider without \\u escapes for non-ASCII text."""

    ensure_ascii = False
    sort_keys = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        text = super().dumps(obj, **kwargs)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate ("\ud800" is valid JSON input) cannot be written as UTF-8:
            # escape it instead of failing with a 500 while the response is sent.
            kwargs["ensure_ascii"] = True
            return super().dumps(obj, **kwargs)
        return text
