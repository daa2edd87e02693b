"""core/json_provider: the app's JSON answers are Flask's, byte for byte, minus the \\u escapes."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider

from flask_track.core.json_provider import JsonProvider

VALUES: list[Any] = [
    {"items": [{"id": 1, "text": "Ce qui se conçoit bien", "author": "七転び八起き"}], "count": 1},
    {"b": 1, "a": [None, True, 1.5, 'x"y\\z\n\t\x00']},
    {"when": datetime.date(2026, 12, 2), "id": uuid.UUID(int=7)},  # Flask's default=
    [],
    "text",
]


def flask_reference(value: Any) -> bytes:
    """What Flask's own provider answers, escaped to ASCII then read as UTF-8 text."""
    app = Flask("reference")
    provider = DefaultJSONProvider(app)
    provider.sort_keys = False
    with app.app_context():
        return provider.response(value).get_data()


@pytest.mark.parametrize("value", VALUES)
def test_a_json_response_is_flasks_without_ascii_escapes(value: Any) -> None:
    app = Flask("track")
    app.json = JsonProvider(app)
    with app.app_context():
        body = app.json.response(value).get_data()
    # Compact like Flask's, non-ASCII as itself: the reference with its escapes undone.
    reference = json.loads(flask_reference(value))
    expected = json.dumps(reference, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert body == expected.encode("utf-8")


def test_a_lone_surrogate_is_escaped_not_a_500() -> None:
    """ "\ud800" is valid JSON input with no UTF-8 form: that string is \\u-escaped."""
    app = Flask("track")
    app.json = JsonProvider(app)
    value = {"lone": "\ud800 surrogate", "kept": "é"}
    with app.app_context():
        body = app.json.response(value).get_data()
    assert body == b'{"lone":"\\ud800 surrogate","kept":"\\u00e9"}\n'
    assert json.loads(body) == value


def test_a_changed_setting_is_honoured_by_the_cached_encoder() -> None:
    """sort_keys changed after the first answer: the next answer sorts."""
    app = Flask("track")
    app.json = JsonProvider(app)
    with app.app_context():
        assert app.json.response({"b": 1, "a": 2}).get_data() == b'{"b":1,"a":2}\n'
        app.json.sort_keys = True  # type: ignore[attr-defined]
        assert app.json.response({"b": 1, "a": 2}).get_data() == b'{"a":2,"b":1}\n'


def test_debug_answers_stay_indented() -> None:
    app = Flask("track")
    app.debug = True
    app.json = JsonProvider(app)
    with app.app_context():
        assert app.json.response({"a": "é"}).get_data() == '{\n  "a": "é"\n}\n'.encode()
