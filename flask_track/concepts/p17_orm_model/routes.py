"""POST/GET /p17/books and GET /p17/books/{id}: a typed ORM model behind three routes."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p17_orm_model.schemas import BookIn, BookListOut, BookOut
from flask_track.core.openapi import Blueprint
from flask_track.core.pagination import PageArgs
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.books import Book

blp = Blueprint("p17", __name__)

LOCATION_HEADER = {"Location": {"schema": {"type": "string"}, "description": "The new book"}}


def is_isbn_conflict(error: IntegrityError) -> bool:
    """Did the insert break the isbn uniqueness (and not some other constraint)?"""
    # SQLite: "UNIQUE constraint failed: p17_books.isbn";
    # PostgreSQL: 'duplicate key value violates unique constraint "uq_p17_books_isbn"'.
    return "isbn" in str(error.orig).lower()


@blp.route("/books")
class Books(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, BookListOut)
    def get(self, args: dict[str, int]) -> dict[str, Any]:
        """List books, newest first (limit/offset)."""
        query = (
            select(Book)
            .order_by(Book.created_at.desc(), Book.id.desc())
            .limit(args["limit"])
            .offset(args["offset"])
        )
        books = db.session.scalars(query).all()
        return {"items": books, "count": len(books), **args}

    @blp.arguments(BookIn)
    @blp.response(201, BookOut, headers=LOCATION_HEADER)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data: dict[str, Any]) -> tuple[Book, int, dict[str, str]]:
        """Create a book; a second book with the same ISBN is 409."""
        book = Book(**data)
        db.session.add(book)
        try:
            # No "SELECT ... WHERE isbn = ?" first: between that check and the INSERT another
            # request can insert the same ISBN. The unique constraint decides, atomically.
            db.session.commit()
        except IntegrityError as error:
            db.session.rollback()  # the session is unusable until the failed flush is undone
            if not is_isbn_conflict(error):
                raise
            raise ProblemError(
                409, "conflict", f"A book with ISBN {data['isbn']} already exists."
            ) from None
        return book, 201, {"Location": url_for("p17.get_book", book_id=book.id)}


@blp.route("/books/<id:book_id>")
@blp.response(200, BookOut)
def get_book(book_id: int) -> Book:
    """Return one book."""
    book = db.session.get(Book, book_id)
    if book is None:
        raise ProblemError.not_found(f"There is no book {book_id}.")
    return book
