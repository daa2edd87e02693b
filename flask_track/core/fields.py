"""marshmallow fields with the typing rules of CATALOG §0.

JSON bodies are strictly typed ("30", 30.0 and true are not integers); query parameters are
text, and integer ones accept plain decimal digits only (no sign, no spaces, no "٣").
Each field subclasses the marshmallow type it stands for, so OpenAPI types come out right.
"""

from __future__ import annotations

import re
from typing import Any

from marshmallow import fields, validate

# Text a person typed: at least one visible character; no NUL (PostgreSQL text cannot store
# U+0000: the same request would be 201 on SQLite and 500 on PostgreSQL) and no lone surrogate
# (JSON "\ud800" is not a character and has no UTF-8 form).
TEXT_PATTERN = r"^[^\x00\ud800-\udfff]*[^\x00\ud800-\udfff\s][^\x00\ud800-\udfff]*$"
TEXT_MESSAGE = "Must contain a visible character, and no NUL or unpaired surrogate."

DIGITS = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")


class StrictInteger(fields.Integer):
    """A JSON integer: no strings, no floats, no booleans."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)


class QueryInteger(fields.Integer):
    """An integer query parameter: plain ASCII decimal digits only (pair it with a Range)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if not isinstance(value, str) or not DIGITS.fullmatch(value) or len(value) > 19:
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


class QueryDecimal(fields.Float):
    """A non-negative decimal query parameter such as `10` or `19.99`."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> float:
        if not isinstance(value, str) or not DECIMAL.fullmatch(value) or len(value) > 32:
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


def text_field(max_length: int, **kwargs: Any) -> fields.String:
    """A required string of 1..max_length characters with a visible character and no NUL."""
    return fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=max_length),
            validate.Regexp(TEXT_PATTERN, error=TEXT_MESSAGE),
        ],
        **kwargs,
    )
