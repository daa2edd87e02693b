"""Database URL resolution and the SQLite settings that make it safe under threads."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_FILENAME = "flask_track.sqlite3"


def resolve_database_url(url: str | None, instance_path: str) -> str:
    """DATABASE_URL as SQLAlchemy wants it; unset means a SQLite file in the instance folder."""
    if not url:
        return f"sqlite:///{Path(instance_path) / SQLITE_FILENAME}"
    # psycopg 3 is the driver we ship; plain postgres URLs would ask for psycopg2.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and one writer work at once; the busy timeout makes writers queue
    instead of failing with "database is locked"; SQLite leaves foreign keys off by default."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def init_database(app: Flask) -> None:
    """Point Flask-SQLAlchemy at DATABASE_URL (or the instance SQLite file)."""
    url = resolve_database_url(app.config.get("DATABASE_URL"), app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if url.startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}})
    else:
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
