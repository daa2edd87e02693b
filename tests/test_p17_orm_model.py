"""White-box checks of p17: ISBN rules, the model, and the conflict path."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p17_orm_model.isbn import InvalidIsbn, normalize_isbn
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.books import Book


def book(isbn: str = "978-0-262-51087-5", **overrides: object) -> dict[str, object]:
    return {"title": "SICP", "author": "Abelson", "isbn": isbn, "pages": 657, **overrides}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9780262510875", "9780262510875"),
        ("978-0-262-51087-5", "9780262510875"),
        ("0262510871", "9780262510875"),  # ISBN-10 of the same book
        ("0-262-51087-1", "9780262510875"),
        ("080442957X", "9780804429573"),  # X check digit
        ("9791032305690", "9791032305690"),  # 979 prefix: no ISBN-10 exists
    ],
)
def test_valid_isbns_normalise_to_13_digits(text: str, expected: str) -> None:
    assert normalize_isbn(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "9780262510876",  # wrong ISBN-13 check digit
        "0262510872",  # wrong ISBN-10 check digit
        "978026251087",  # 12 digits
        "97802625108755",  # 14 digits
        "978-0-262-51087-5-",
        "978--0262510875",
        "-9780262510875",
        "978 0 262 51087 5",
        "X262510871",  # X only as the last ISBN-10 character
        "9780262510875\n",
        "٩٧٨٠٢٦٢٥١٠٨٧٥",  # Arabic-Indic digits are not ASCII digits
    ],
)
def test_invalid_isbns_are_refused(text: str) -> None:
    with pytest.raises(InvalidIsbn):
        normalize_isbn(text)


def test_create_returns_the_normalised_isbn_and_location(client: FlaskClient) -> None:
    response = client.post("/p17/books", json=book("0-262-51087-1"))
    assert response.status_code == 201
    body = response.get_json()
    assert body["isbn"] == "9780262510875"
    assert response.headers["Location"] == f"/p17/books/{body['id']}"
    assert body["created_at"].endswith("+00:00")


def test_isbn10_and_isbn13_of_one_book_conflict(client: FlaskClient) -> None:
    assert client.post("/p17/books", json=book("9780262510875")).status_code == 201
    response = client.post("/p17/books", json=book("0262510871"))
    assert response.status_code == 409
    assert response.get_json()["type"] == "/problems/conflict"


def test_session_is_usable_after_a_conflict(app: Flask, client: FlaskClient) -> None:
    """The 409 path rolls back: the next request in the same app works."""
    client.post("/p17/books", json=book())
    assert client.post("/p17/books", json=book()).status_code == 409
    assert client.post("/p17/books", json=book("0-306-40615-2")).status_code == 201
    with app.app_context():
        assert db.session.query(Book).count() == 2


def test_the_unique_constraint_is_in_the_database(app: Flask) -> None:
    """The constraint, not a pre-check, is what refuses a duplicate."""
    with app.app_context():
        for _ in range(2):
            db.session.add(
                Book(title="t", author="a", isbn="9780262510875", pages=1, created_at=utcnow())
            )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_concurrent_duplicates_give_one_201_and_409s(app: Flask) -> None:
    """Eight threads race to insert one ISBN: exactly one wins, the rest get 409, no 500."""
    statuses: list[int] = []
    barrier = threading.Barrier(8)

    def attempt() -> None:
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post("/p17/books", json=book()).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [409] * 7


def test_all_invalid_fields_are_reported_at_once(client: FlaskClient) -> None:
    response = client.post(
        "/p17/books", json={"title": " ", "author": "", "isbn": "9780262510876", "pages": 0}
    )
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"title", "author", "isbn", "pages"}


@pytest.mark.parametrize("pages", ["657", 657.0, True, None])
def test_pages_must_be_a_json_integer(client: FlaskClient, pages: object) -> None:
    response = client.post("/p17/books", json=book(pages=pages))
    assert response.status_code == 422
    assert "pages" in response.get_json()["errors"]


def test_nul_in_text_is_refused(client: FlaskClient) -> None:
    """PostgreSQL cannot store U+0000: refusing it keeps SQLite and PostgreSQL alike."""
    response = client.post("/p17/books", json=book(title="a\u0000b"))
    assert response.status_code == 422
    assert "title" in response.get_json()["errors"]


def test_list_is_newest_first_with_limit_and_offset(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        for n, isbn in enumerate(["9780262510875", "9780306406157", "9780804429573"]):
            db.session.add(
                Book(
                    title=f"b{n}",
                    author="a",
                    isbn=isbn,
                    pages=1,
                    created_at=datetime(2024, 1, 1 + n, tzinfo=UTC),
                )
            )
        db.session.commit()
    body = client.get("/p17/books?limit=2&offset=0").get_json()
    assert [b["title"] for b in body["items"]] == ["b2", "b1"]
    assert body["count"] == 2
    body = client.get("/p17/books?limit=2&offset=2").get_json()
    assert [b["title"] for b in body["items"]] == ["b0"]


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=101", "limit=abc", "offset=-1", "limit=1.5", "offset=9223372036854775808"],
)
def test_bad_paging_is_422(client: FlaskClient, query: str) -> None:
    response = client.get(f"/p17/books?{query}")
    assert response.status_code == 422
    assert query.split("=")[0] in response.get_json()["errors"]
