"""The same aggregate over p17's books, twice: ORM expressions, and SQL written by hand.

Both paths must return equal dicts. The ORM path builds its statements from the mapped class
(`Book.pages`, `func.avg(...)`); SQLAlchemy compiles them for the dialect in use. The SQL path
is a literal string with bound parameters (`:author`), never string formatting.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import desc, distinct, func, literal_column, select, text
from sqlalchemy.orm import Session

from flask_track.extensions import db
from flask_track.shared.books import Book

TOP_AUTHORS = 5

Stats = dict[str, Any]


def _number(value: Decimal | float | None) -> float | None:
    # PostgreSQL's ROUND(AVG(int), 2) is numeric (Decimal); SQLite's is a float.
    return None if value is None else float(value)


def _stats(summary: Sequence[Any], top: Sequence[Sequence[Any]]) -> Stats:
    books, total_pages, avg_pages, min_pages, max_pages, authors = summary
    return {
        "books": int(books),
        "total_pages": int(total_pages),
        "avg_pages": _number(avg_pages),
        "min_pages": min_pages,
        "max_pages": max_pages,
        "authors": int(authors),
        "top_authors": [{"author": author, "books": int(count)} for author, count in top],
    }


def stats_orm(session: Session, author: str | None = None) -> Stats:
    """The aggregate through ORM expressions on the Book model."""
    where = [Book.author == author] if author is not None else []
    summary = session.execute(
        select(
            func.count(Book.id),
            func.coalesce(func.sum(Book.pages), 0),
            # literal_column: "2" goes into the SQL as is, like the hand-written query; as a
            # bound parameter PostgreSQL would have to guess its type for round(numeric, ?).
            func.round(func.avg(Book.pages), literal_column("2")),
            func.min(Book.pages),
            func.max(Book.pages),
            func.count(distinct(Book.author)),
        ).where(*where)
    ).one()
    books = func.count(Book.id).label("books")
    top = session.execute(
        select(Book.author, books)
        .where(*where)
        .group_by(Book.author)
        .order_by(desc(books), Book.author)
        .limit(TOP_AUTHORS)
    ).all()
    return _stats(summary, top)


SUMMARY_SQL = """\
SELECT COUNT(id) AS books,
       COALESCE(SUM(pages), 0) AS total_pages,
       ROUND(AVG(pages), 2) AS avg_pages,
       MIN(pages) AS min_pages,
       MAX(pages) AS max_pages,
       COUNT(DISTINCT author) AS authors
FROM p17_books"""

TOP_AUTHORS_SQL = """\
SELECT author, COUNT(id) AS books
FROM p17_books{where}
GROUP BY author
ORDER BY books DESC, author
LIMIT :top"""

AUTHOR_FILTER = "\nWHERE author = :author"


def raw_statements(author: str | None) -> tuple[str, str]:
    """The two hand-written statements (the filter is a fixed fragment, the value a parameter).

    Two variants instead of `WHERE (:author IS NULL OR author = :author)`: PostgreSQL cannot
    infer the type of a parameter that is only compared with NULL.
    """
    where = AUTHOR_FILTER if author is not None else ""
    return SUMMARY_SQL + where, TOP_AUTHORS_SQL.format(where=where)


def stats_sql(session: Session, author: str | None = None) -> Stats:
    """The aggregate through hand-written SQL with bound parameters."""
    summary_sql, top_sql = raw_statements(author)
    params: dict[str, Any] = {"author": author} if author is not None else {}
    summary = session.execute(text(summary_sql), params).one()
    top = session.execute(text(top_sql), {**params, "top": TOP_AUTHORS}).all()
    return _stats(summary, top)


@contextmanager
def snapshot_session() -> Iterator[Session]:
    """A read-only session whose statements all see one snapshot of the database.

    /compare runs both paths while other requests may insert books. PostgreSQL's default READ
    COMMITTED gives every statement its own snapshot, so it asks for REPEATABLE READ. Python's
    sqlite3 driver only opens a transaction before a write, so each SELECT would be its own
    snapshot: an explicit BEGIN makes SQLite (in WAL mode) keep the first read's snapshot.
    """
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN")
        with Session(bind=connection) as session:
            try:
                yield session
            finally:
                session.rollback()  # read-only: nothing to commit
