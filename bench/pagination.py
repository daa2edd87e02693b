"""Benchmark: offset vs keyset pagination over 1,000,000 rows, and p19's query count.

Run by hand (not part of the test command):

    .venv/bin/python -m bench.pagination              # SQLite and PostgreSQL
    .venv/bin/python -m bench.pagination --no-postgres
    .venv/bin/python -m bench.pagination --rows 200000 --repeat 5   # quicker

Part 1 builds a `bench_items` table shaped like p20's `p20_items` (same columns, same
(created_at, id) index) in a throwaway SQLite file and a throwaway PostgreSQL database, never
in the app's own tables, and times four queries through SQLAlchemy, each the median of
`--repeat` runs: the first page and a page 900,000 rows deep, by OFFSET and by keyset
(`WHERE (created_at, id) < (:c, :i)`). Target: the deep keyset page costs at most 2x the first.

Part 2 runs the real app (Flask test client, fresh migrated database) with 10 and then 1,000
posts (3 comments each) and reads GET /p19/posts?limit=100's X-Query-Count: it must not grow.

PostgreSQL: PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres); skipped with
a message when it does not answer. Everything is bounded: about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
    text,
    tuple_,
)

from flask_track.core.types import BigIntId, UTCDateTime

PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
PAGE = 20
DEEP = 900_000

metadata = MetaData()
bench_items = Table(
    "bench_items",
    metadata,
    Column("id", BigIntId, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_bench_items_created_at_id", "created_at", "id"),
)
NEWEST_FIRST = (bench_items.c.created_at.desc(), bench_items.c.id.desc())


@dataclass
class Timing:
    database: str
    query: str
    median_ms: float
    rows: int


def median_ms(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Median wall time of `run` in ms (after one warm-up run), and the rows it returned."""
    rows = run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), rows


# ---------------------------------------------------------------- building 1,000,000 rows


def build_sqlite(path: Path, rows: int) -> Engine:
    """executemany in one transaction, index afterwards (faster than maintaining it)."""
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute(
        "CREATE TABLE bench_items (id INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL,"
        " created_at DATETIME NOT NULL)"
    )
    # The text SQLAlchemy writes for a DateTime on SQLite; one second apart, oldest first.
    start = EPOCH.replace(tzinfo=None)
    raw.executemany(
        "INSERT INTO bench_items (name, created_at) VALUES (?, ?)",
        (
            (f"item {n}", (start + timedelta(seconds=n)).strftime("%Y-%m-%d %H:%M:%S.%f"))
            for n in range(1, rows + 1)
        ),
    )
    raw.execute("CREATE INDEX ix_bench_items_created_at_id ON bench_items (created_at, id)")
    raw.commit()
    raw.execute("ANALYZE")
    raw.close()
    return create_engine(f"sqlite:///{path}")


def build_postgres(url: str, rows: int) -> Engine:
    """generate_series inside the server: no rows travel over the wire."""
    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.create_all(conn)
        conn.execute(text("DROP INDEX ix_bench_items_created_at_id"))
        conn.execute(
            text(
                "INSERT INTO bench_items (name, created_at) "
                "SELECT 'item ' || n, :epoch + n * interval '1 second' "
                "FROM generate_series(1, :rows) AS n"
            ),
            {"epoch": EPOCH, "rows": rows},
        )
        conn.execute(
            text("CREATE INDEX ix_bench_items_created_at_id ON bench_items (created_at, id)")
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE bench_items"))
    return engine


# ---------------------------------------------------------------- the four queries


def offset_page(conn: Connection, offset: int) -> int:
    query = select(bench_items).order_by(*NEWEST_FIRST).limit(PAGE).offset(offset)
    return len(conn.execute(query).all())


def keyset_page(conn: Connection, after: tuple[datetime, int] | None) -> int:
    query = select(bench_items).order_by(*NEWEST_FIRST)
    if after is not None:
        query = query.where(tuple_(bench_items.c.created_at, bench_items.c.id) < after)
    return len(conn.execute(query.limit(PAGE + 1)).all())  # +1: "is there a next page?"


def plan(conn: Connection, after: tuple[datetime, int]) -> str:
    """The database's plan for the deep keyset query (it must seek the index)."""
    query = (
        select(bench_items)
        .where(tuple_(bench_items.c.created_at, bench_items.c.id) < after)
        .order_by(*NEWEST_FIRST)
        .limit(PAGE + 1)
    )
    compiled = query.compile(conn)
    params = compiled.construct_params()
    if conn.dialect.name == "sqlite":
        # Positional "?" parameters; the plan does not depend on the values' exact form.
        values = tuple(str(params[key]) for key in compiled.positiontup or ())
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values).all()
        return "; ".join(str(row[-1]) for row in rows)
    rows = conn.exec_driver_sql(f"EXPLAIN {compiled}", params).all()
    return "; ".join(str(row[0]).strip() for row in rows)


def measure(name: str, engine: Engine, repeat: int) -> tuple[list[Timing], str]:
    with engine.connect() as conn:
        # The key of the row 900,000 rows from the top: what a client holding the cursor of
        # page 45,000 (at 20 a page) would send.
        row = conn.execute(
            select(bench_items.c.created_at, bench_items.c.id)
            .order_by(*NEWEST_FIRST)
            .offset(DEEP - 1)
            .limit(1)
        ).one()
        deep_key = (row.created_at, row.id)
        row = conn.execute(
            select(bench_items.c.created_at, bench_items.c.id)
            .order_by(*NEWEST_FIRST)
            .offset(PAGE - 1)
            .limit(1)
        ).one()
        second_key = (row.created_at, row.id)  # the cursor a client gets with page 1
        cases: list[tuple[str, Callable[[], int]]] = [
            ("offset, first page", lambda: offset_page(conn, 0)),
            (f"offset, {DEEP:,} deep", lambda: offset_page(conn, DEEP)),
            ("keyset, first page", lambda: keyset_page(conn, None)),
            (f"keyset, {PAGE} deep (page 2)", lambda: keyset_page(conn, second_key)),
            (f"keyset, {DEEP:,} deep", lambda: keyset_page(conn, deep_key)),
        ]
        timings = []
        for label, run in cases:
            deep_offset = "offset" in label and "deep" in label
            ms, rows = median_ms(run, max(3, repeat // 5) if deep_offset else repeat)
            timings.append(Timing(name, label, ms, rows))
        return timings, plan(conn, deep_key)


# ---------------------------------------------------------------- p19 through the app


def p19_query_counts(database_url: str, sizes: tuple[int, ...], repeat: int) -> list[str]:
    """GET /p19/posts?limit=100 on the real app with each number of posts in the table."""
    import flask_migrate

    from flask_track import create_app
    from flask_track.concepts.p19_one_to_many.models import Comment, Post
    from flask_track.extensions import db

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("APP_ENV", "testing")
    app = create_app()
    with app.app_context():
        flask_migrate.upgrade()
    client = app.test_client()
    lines = []
    have = 0
    for size in sizes:
        with app.app_context():
            for n in range(have, size):
                post_id = db.session.execute(
                    insert(Post)
                    .values(title=f"post {n}", body="b", created_at=datetime.now(UTC))
                    .returning(Post.id)
                ).scalar_one()
                db.session.execute(
                    insert(Comment),
                    [
                        {
                            "post_id": post_id,
                            "author": "a",
                            "body": f"c{k}",
                            "created_at": datetime.now(UTC),
                        }
                        for k in range(3)
                    ],
                )
            db.session.commit()
        have = size
        counts: set[str] = set()

        def get(seen: set[str] = counts) -> int:
            response = client.get("/p19/posts?limit=100")
            assert response.status_code == 200, response.get_data(as_text=True)
            seen.add(response.headers["X-Query-Count"])
            return len(response.get_json()["items"])

        ms, rows = median_ms(get, repeat)
        lines.append(
            f"| {size:>5} posts | {rows:>3} | {', '.join(sorted(counts)):>13} | {ms:8.2f} |"
        )
    with app.app_context():
        db.engine.dispose()
    return lines


# ---------------------------------------------------------------- driver


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A fresh PostgreSQL database URL, dropped afterwards; None when PostgreSQL is down."""
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL does not answer at {PG_ADMIN_URL}: skipped ({error.__class__.__name__})")
        yield None
        return
    name = f"flask_track_bench_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def print_table(timings: list[Timing]) -> None:
    print("| database | query | rows | median ms | vs first page |")
    print("|---|---|---:|---:|---:|")
    for timing in timings:
        first = next(
            t
            for t in timings
            if t.database == timing.database
            and t.query.startswith(timing.query.split(",")[0])
            and "first" in t.query
        )
        ratio = timing.median_ms / first.median_ms if first.median_ms else float("nan")
        print(
            f"| {timing.database} | {timing.query} | {timing.rows} | "
            f"{timing.median_ms:.3f} | {ratio:.1f}x |"
        )


def verdict(timings: list[Timing]) -> bool:
    ok = True
    for database in dict.fromkeys(t.database for t in timings):
        mine = {t.query: t.median_ms for t in timings if t.database == database}
        first, deep = mine["keyset, first page"], mine[f"keyset, {DEEP:,} deep"]
        passed = deep <= 2 * first
        ok &= passed
        print(
            f"{database}: deep keyset page {deep:.3f} ms vs first page {first:.3f} ms "
            f"-> {deep / first:.2f}x (target <= 2x): {'PASS' if passed else 'FAIL'}"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pagination", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=31, help="runs per query (median)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    if args.rows <= DEEP:
        parser.error(f"--rows must exceed {DEEP:,} (the deep page)")
    began = time.perf_counter()
    timings: list[Timing] = []
    plans: dict[str, str] = {}
    p19_lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        started = time.perf_counter()
        engine = build_sqlite(Path(folder) / "bench.sqlite3", args.rows)
        print(f"SQLite: {args.rows:,} rows built in {time.perf_counter() - started:.1f} s")
        found, plans["sqlite"] = measure("sqlite", engine, args.repeat)
        timings += found
        engine.dispose()
        p19_lines += [
            line.replace("|", "| sqlite |", 1)
            for line in p19_query_counts(
                f"sqlite:///{Path(folder) / 'p19.sqlite3'}", (10, 1000), args.repeat
            )
        ]

        if not args.no_postgres:
            with postgres_database() as url:
                if url:
                    started = time.perf_counter()
                    engine = build_postgres(url, args.rows)
                    took = time.perf_counter() - started
                    print(f"PostgreSQL: {args.rows:,} rows built in {took:.1f} s")
                    found, plans["postgresql"] = measure("postgresql", engine, args.repeat)
                    timings += found
                    engine.dispose()
            with postgres_database() as url:
                if url:
                    p19_lines += [
                        line.replace("|", "| postgresql |", 1)
                        for line in p19_query_counts(url, (10, 1000), args.repeat)
                    ]

    print(f"\n## Pagination over {args.rows:,} rows, page size {PAGE}, median of {args.repeat}")
    print("(deep OFFSET: median of fewer runs, it is slow by design)\n")
    print_table(timings)
    print()
    ok = verdict(timings)
    print("\nDeep keyset query plans:")
    for database, text_plan in plans.items():
        print(f"- {database}: {text_plan}")
    print("\n## p19 GET /p19/posts?limit=100 (3 comments per post)\n")
    print("| database | posts in table | items | X-Query-Count | median ms |")
    print("|---|---:|---:|---:|---:|")
    for line in p19_lines:
        print(line)
    counts = {line.split("|")[4].strip() for line in p19_lines}
    same = len(counts) == 1
    print(f"\nquery count independent of table size: {'PASS' if same else 'FAIL'} ({counts})")
    print(f"total time: {time.perf_counter() - began:.0f} s")
    return 0 if ok and same else 1


if __name__ == "__main__":
    sys.exit(main())
