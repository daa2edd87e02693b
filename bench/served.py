"""What the HTTP benches share: the app served on a fresh SQLite file, and a percentile."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from contracts.harness.server import ServedApp


def served_app(workdir: Path, workers: int, **env: str) -> ServedApp:
    """`python -m flask_track.serve` on a fresh SQLite file in `workdir`, random secrets."""
    environ = {
        "APP_ENV": "testing",
        "ENV_FILE": os.devnull,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "JWT_SECRET_KEY": secrets.token_urlsafe(48),
        "ADMIN_PASSWORD": secrets.token_urlsafe(18),
        **env,
    }
    command = f"{sys.executable} -m flask_track.serve --workers {workers} --port {{port}}"
    return ServedApp(command, workdir, environ)


def percentile(values: list[float], pct: int) -> float:
    """The nearest-rank `pct` percentile of `values` (not empty)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]
