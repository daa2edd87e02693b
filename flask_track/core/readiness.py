"""What `/ready` asks besides the database: probes the service handles register at start-up.

A handle that depends on an outside service (the Redis client, Level 4's queue) calls
`add_readiness_check(app, name, probe)` in its `init_app`; `/ready` runs every probe and
names each one that fails. Core owns the list, so it needs to know none of the handles.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

# A probe returns (anything) when its service answers and raises when it does not.
Probe = Callable[[], object]
EXTENSION = "flask_track.readiness"


def add_readiness_check(app: Flask, name: str, probe: Probe) -> None:
    """Let `/ready` check `name` with `probe` (a later call with the same name replaces it)."""
    app.extensions.setdefault(EXTENSION, {})[name] = probe


def readiness_checks(app: Flask) -> dict[str, Probe]:
    """The registered probes, by name."""
    checks: dict[str, Probe] = app.extensions.get(EXTENSION, {})
    return checks
