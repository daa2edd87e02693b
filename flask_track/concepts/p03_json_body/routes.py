"""POST /p03/echo: parse any JSON value and say what it was."""

from __future__ import annotations

from typing import Any

from flask import request

from flask_track.concepts.p03_json_body.schemas import ANY_JSON_BODY, EchoOut
from flask_track.core.json_body import read_json_body
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError

blp = Blueprint("p03", __name__)

# Python parses about 1,000 nested levels but then cannot serialize them again (RecursionError:
# a 500). No real document nests that deep, so the echo accepts 64 levels and refuses more the
# way the core reader refuses values beyond its limits (1e999): 400 malformed-json.
MAX_DEPTH = 64


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value (bool before int: True is an int in Python)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def nesting_depth(value: Any) -> int:
    """How many arrays/objects nest at the deepest point (a scalar is 0); no recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


@blp.route("/echo", methods=["POST"])
@blp.doc(requestBody=ANY_JSON_BODY)
@blp.response(200, EchoOut)
def echo() -> dict[str, Any]:
    """Parse the JSON body, whatever value it is, and echo it with its type and size."""
    # read_json_body() gives 415 for a non-JSON content type, 400 malformed-json for an empty
    # or broken body (NaN and 1e999 too); Werkzeug stops bodies over MAX_CONTENT_LENGTH (413).
    value = read_json_body()
    if nesting_depth(value) > MAX_DEPTH:
        raise ProblemError(
            400, "malformed-json", f"The JSON body nests deeper than {MAX_DEPTH} levels."
        )
    # The body was read and cached above: this is the same bytes, not a second read.
    size = len(request.get_data(cache=True))
    return {"received": value, "type": json_type(value), "bytes": size}
