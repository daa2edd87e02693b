"""Describe the database connection without giving away its secrets."""

from __future__ import annotations

import time
from pathlib import PurePath
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from flask_track.extensions import db

MASK = "***"
# Query-string options that carry a secret (libpq accepts `?password=`, drivers add others).
SECRET_QUERY_KEYS = {"password", "passwd", "pwd", "sslpassword", "secret", "token", "api_key"}


def redact_url(url: str | URL) -> str:
    """The URL with its password (userinfo or query option) masked and no server file path.

    SQLAlchemy's own `render_as_string(hide_password=True)` masks only the userinfo password;
    `?password=` and friends would still leak, so they are masked here too. A SQLite file
    path shows only the file name: directories are server internals, like the password.
    """
    parsed = make_url(url) if isinstance(url, str) else url
    query = {
        key: (MASK if key.lower() in SECRET_QUERY_KEYS else value)
        for key, value in parsed.query.items()
    }
    parsed = parsed.set(query=query)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # Built by hand: URL.set() would percent-encode the ellipsis.
        hidden = parsed.set(database="HIDDEN").render_as_string(hide_password=True)
        return hidden.replace("HIDDEN", f"…/{PurePath(parsed.database).name}", 1)
    # The query mask comes back percent-encoded (%2A%2A%2A); show it as the userinfo one.
    return parsed.render_as_string(hide_password=True).replace("%2A%2A%2A", MASK)


def database_name(url: URL, reported: str | None) -> str:
    """What to call the database: the server's name for it, or the SQLite file's name."""
    if url.get_backend_name() == "sqlite":
        return PurePath(url.database).name if url.database else ":memory:"
    return reported or url.database or ""


def database_info() -> dict[str, Any]:
    """Dialect, server version, database name and one round trip's latency.

    The latency is a `SELECT 1` on a connection taken from the pool, i.e. the cost of a query
    round trip, not of opening a connection (the pool exists so requests do not pay that).
    """
    engine = db.engine
    name = engine.dialect.name
    with engine.connect() as connection:
        started = time.perf_counter()
        connection.execute(text("SELECT 1"))
        latency_ms = (time.perf_counter() - started) * 1000
        if name == "postgresql":
            version = connection.execute(text("SHOW server_version")).scalar_one()
            reported = connection.execute(text("SELECT current_database()")).scalar_one()
        else:
            version = connection.execute(text("SELECT sqlite_version()")).scalar_one()
            reported = None
    return {
        "dialect": name,
        "driver": engine.dialect.driver,
        "server_version": str(version),
        "database": database_name(engine.url, reported),
        "url": redact_url(engine.url),
        "connected": True,
        "latency_ms": round(latency_ms, 3),
    }
