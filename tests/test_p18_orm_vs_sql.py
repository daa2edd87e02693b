"""White-box checks of p18: both paths agree, the snapshot holds, the SQL is captured."""

from __future__ import annotations

import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from flask_track.concepts.p18_orm_vs_sql.stats import snapshot_session, stats_orm, stats_sql
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.books import Book

BOOKS = [
    ("Knuth", 650, "9780201896831"),
    ("Knuth", 762, "9780201896848"),
    ("Knuth", 800, "9780201896855"),
    ("Abelson", 657, "9780262510875"),
    ("Ben Ari", 300, "9780306406157"),
]


@pytest.fixture
def books(app: Flask) -> None:
    with app.app_context():
        for author, pages, isbn in BOOKS:
            db.session.add(Book(title="t", author=author, isbn=isbn, pages=pages))
        db.session.commit()


def expected_all() -> dict[str, object]:
    return {
        "books": 5,
        "total_pages": 3169,
        "avg_pages": 633.8,
        "min_pages": 300,
        "max_pages": 800,
        "authors": 3,
        "top_authors": [
            {"author": "Knuth", "books": 3},
            {"author": "Abelson", "books": 1},
            {"author": "Ben Ari", "books": 1},
        ],
    }


def test_both_paths_compute_the_known_answer(app: Flask, books: None) -> None:
    with app.app_context():
        assert stats_orm(db.session) == expected_all()
        assert stats_sql(db.session) == expected_all()


def test_author_filter_rounds_the_average(app: Flask, books: None) -> None:
    with app.app_context():
        expected = {
            "books": 3,
            "total_pages": 2212,
            "avg_pages": 737.33,
            "min_pages": 650,
            "max_pages": 800,
            "authors": 1,
            "top_authors": [{"author": "Knuth", "books": 3}],
        }
        assert stats_orm(db.session, "Knuth") == expected
        assert stats_sql(db.session, "Knuth") == expected


def test_empty_table_gives_zeros_and_nulls(app: Flask) -> None:
    with app.app_context():
        empty = {
            "books": 0,
            "total_pages": 0,
            "avg_pages": None,
            "min_pages": None,
            "max_pages": None,
            "authors": 0,
            "top_authors": [],
        }
        assert stats_orm(db.session) == empty == stats_sql(db.session)


def test_sql_looking_author_is_a_value(app: Flask, client: FlaskClient, books: None) -> None:
    """The filter is a bound parameter: SQL in it matches nothing and breaks nothing."""
    response = client.get("/p18/compare", query_string={"author": "x' OR '1'='1"})
    body = response.get_json()
    assert response.status_code == 200
    assert body["orm"]["stats"]["books"] == 0 == body["sql"]["stats"]["books"]


def test_compare_shows_the_orm_sql_and_the_raw_sql(client: FlaskClient, books: None) -> None:
    body = client.get("/p18/compare").get_json()
    assert body["equal"] is True
    assert body["orm"]["stats"] == body["sql"]["stats"] == expected_all()
    assert len(body["orm"]["sql"]) == 2 and len(body["sql"]["sql"]) == 2
    # SQLAlchemy's compiled SQL qualifies columns; the hand-written SQL does not.
    assert "p17_books.pages" in body["orm"]["sql"][0]
    assert body["sql"]["sql"][0].startswith("SELECT COUNT(id) AS books")


def test_stats_via_each_path(client: FlaskClient, books: None) -> None:
    for via in ("orm", "sql"):
        body = client.get(f"/p18/stats?via={via}").get_json()
        assert body["via"] == via
        assert body["stats"] == expected_all()
        assert body["duration_ms"] >= 0


@pytest.mark.parametrize("query", ["via=raw", "via=", "via=ORM", "author=", "author=%00"])
def test_bad_arguments_are_422(client: FlaskClient, query: str) -> None:
    response = client.get(f"/p18/stats?{query}")
    assert response.status_code == 422
    assert query.split("=")[0] in response.get_json()["errors"]


def test_snapshot_ignores_rows_committed_meanwhile(app: Flask, books: None) -> None:
    """Inside snapshot_session, a book committed by another thread stays invisible."""

    def insert_one() -> None:
        with app.app_context():
            db.session.add(
                Book(title="t", author="Late", isbn="9780804429573", pages=1, created_at=utcnow())
            )
            db.session.commit()

    with app.app_context(), snapshot_session() as session:
        before = session.scalar(select(func.count(Book.id)))
        writer = threading.Thread(target=insert_one)
        writer.start()
        writer.join()
        assert session.scalar(select(func.count(Book.id))) == before == 5
    with app.app_context():
        assert db.session.scalar(select(func.count(Book.id))) == 6
