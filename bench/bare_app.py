"""The baseline of bench/core_overhead.py: a bare Flask app answering the track's p02 body.

No flask_track import: a plain `Flask(__name__)`, one `jsonify` of the same data the track's
`GET /p02/quotes` returns (read from BARE_BODY_FILE, written by the bench from the track's
own answer), and a /health route for the harness's readiness wait.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify

app = Flask(__name__)
app.json.sort_keys = False  # type: ignore[attr-defined] - keep the track's key order
BODY: Any = json.loads(Path(os.environ["BARE_BODY_FILE"]).read_text(encoding="utf-8"))


@app.get("/p02/quotes")
def quotes() -> Response:
    """The track's p02 list, serialized per request like any Flask view would."""
    return jsonify(BODY)


@app.get("/health")
def health() -> Response:
    """Readiness for the bench."""
    return jsonify(status="ok")
