"""The migrations build the schema the models describe, on SQLite and on PostgreSQL.

For each database: start from nothing, `flask db upgrade` to head, then ask Alembic's
autogenerate comparison (`compare_metadata`) for the differences between the migrated database
and `db.metadata`. Any difference (a model column the migrations forgot, a type, a nullable, an
index, a unique constraint, a foreign key and its ON DELETE) fails the test. Every models.py of
every concept package is imported first, so models added later (Level 3 users, ...) are
covered without touching this file.

PostgreSQL: 127.0.0.1:5432, user postgres, trust auth (PG_ADMIN_URL overrides). A fresh
database is created and dropped per run. When PostgreSQL does not answer the PostgreSQL cases
are skipped with the reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import importlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flask_migrate
import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import MetaData, inspect

import flask_track
from flask_track import create_app
from flask_track.config import TestingConfig
from flask_track.extensions import db

PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

# Tables that exist on purpose without a model. p12's lesson is hand-written DDL at runtime
# (POST /p12/setup): if that table exists it must not count as "a table without a model".
RAW_SQL_TABLES = frozenset({"notes"})


PACKAGE_ROOT = Path(flask_track.__file__).parent


def import_all_models() -> None:
    """Import every models.py under flask_track/ (concept in the ladder or not, core too)."""
    for path in sorted(PACKAGE_ROOT.rglob("models.py")):
        relative = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
        if "migrations" in relative.parts:
            continue
        importlib.import_module(".".join(relative.parts))


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, _compare_to: Any):
    """Skip only the tables that are hand-made on purpose (and Alembic's own version table)."""
    return not (type_ == "table" and reflected and name in RAW_SQL_TABLES)


def schema_differences(app: Flask) -> list[Any]:
    """Alembic's autogenerate diff between the app's database and db.metadata."""
    import_all_models()
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_object": include_object,
            },
        )
        return compare_metadata(context, db.metadata)


def make_app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", database_url)
    return create_app(TestingConfig())


def upgrade(app: Flask, revision: str = "head") -> None:
    with app.app_context():
        flask_migrate.upgrade(revision=revision)


def downgrade(app: Flask, revision: str) -> None:
    with app.app_context():
        flask_migrate.downgrade(revision=revision)


def table_names(app: Flask) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


# ---------------------------------------------------------------- SQLite


@pytest.fixture
def sqlite_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    app = make_app(f"sqlite:///{tmp_path / 'blank.sqlite3'}", tmp_path, monkeypatch)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_sqlite_blank_database_upgrades_to_the_models(sqlite_app: Flask) -> None:
    """A blank SQLite file upgraded to head has exactly the schema of db.metadata."""
    assert table_names(sqlite_app) == set()
    upgrade(sqlite_app)
    assert {"p17_books", "p19_posts", "p19_comments", "p20_items"} <= table_names(sqlite_app)
    assert schema_differences(sqlite_app) == []


def test_sqlite_autoincrement_matches_the_models(sqlite_app: Flask) -> None:
    """compare_metadata ignores dialect options; AUTOINCREMENT (no id reuse) is checked here."""
    upgrade(sqlite_app)
    import_all_models()
    with sqlite_app.app_context(), db.engine.connect() as connection:
        ddl = dict(connection.exec_driver_sql("SELECT name, sql FROM sqlite_master").all())
    for table in db.metadata.sorted_tables:
        wanted = bool(table.dialect_options["sqlite"]["autoincrement"])
        assert ("AUTOINCREMENT" in (ddl.get(table.name) or "")) is wanted, table.name


def test_sqlite_downgrade_to_base_and_back(sqlite_app: Flask) -> None:
    """Every revision's downgrade undoes its upgrade: base leaves only alembic_version."""
    upgrade(sqlite_app)
    downgrade(sqlite_app, "base")
    assert table_names(sqlite_app) <= {"alembic_version"}
    upgrade(sqlite_app)
    assert schema_differences(sqlite_app) == []


def test_comparison_sees_a_model_the_migrations_lack(sqlite_app: Flask) -> None:
    """The check can fail: a table in the metadata but not in the database is reported."""
    upgrade(sqlite_app)
    import_all_models()
    extra = MetaData()
    for table in db.metadata.sorted_tables:
        table.to_metadata(extra)
    from sqlalchemy import Column, Integer, Table

    Table("p99_not_migrated", extra, Column("id", Integer, primary_key=True))
    with sqlite_app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, extra)
    assert [op[0] for op in diff] == ["add_table"]


def test_seeded_items_are_deterministic(sqlite_app: Flask) -> None:
    """The p20 seed: 1,000 rows named item 0001..item 1000, one minute apart, oldest first."""
    from flask_track.concepts.p20_pagination.models import Item

    upgrade(sqlite_app)
    with sqlite_app.app_context():
        items = db.session.scalars(db.select(Item).order_by(Item.id)).all()
        assert len(items) == 1000
        assert [items[0].name, items[-1].name] == ["item 0001", "item 1000"]
        assert items[0].created_at.isoformat() == "2020-01-01T00:01:00+00:00"
        assert (items[1].created_at - items[0].created_at).total_seconds() == 60


# ---------------------------------------------------------------- PostgreSQL


def postgres_or_skip() -> None:
    """Skip (or, under CI=true, fail) when PostgreSQL does not answer."""
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL does not answer at {PG_ADMIN_URL} ({error.__class__.__name__})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires it", pytrace=False)
    pytest.skip(f"{reason}: the PostgreSQL migration check did not run")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test, dropped afterwards."""
    postgres_or_skip()
    name = f"flask_track_migrations_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_app(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    app = make_app(postgres_url, tmp_path, monkeypatch)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_postgres_blank_database_upgrades_to_the_models(postgres_app: Flask) -> None:
    """A blank PostgreSQL database upgraded to head has exactly the schema of db.metadata."""
    assert table_names(postgres_app) == set()
    upgrade(postgres_app)
    assert {"p17_books", "p19_posts", "p19_comments", "p20_items"} <= table_names(postgres_app)
    assert schema_differences(postgres_app) == []


def test_postgres_downgrade_to_base_and_back(postgres_app: Flask) -> None:
    """Downgrade to base and upgrade again on PostgreSQL (transactional DDL, sequences)."""
    upgrade(postgres_app)
    downgrade(postgres_app, "base")
    assert table_names(postgres_app) <= {"alembic_version"}
    upgrade(postgres_app)
    assert schema_differences(postgres_app) == []
