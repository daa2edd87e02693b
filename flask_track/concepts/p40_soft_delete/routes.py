"""/p40/documents: create, list, read, soft-delete and restore documents owned by users."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import url_for
from flask_jwt_extended import verify_jwt_in_request
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p40_soft_delete.models import Document
from flask_track.concepts.p40_soft_delete.schemas import (
    DocumentIn,
    DocumentListOut,
    DocumentListQuery,
    DocumentOut,
)
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.tokens import auth_required, current_user, forbidden
from flask_track.shared.users import User

blp = Blueprint("p40", __name__)

LOCATION_HEADER = {"Location": {"schema": {"type": "string"}, "description": "The new document"}}


def is_slug_conflict(error: IntegrityError) -> bool:
    """Did the statement break the live-slug index (and not, say, the owner's foreign key)?"""
    # SQLite: "UNIQUE constraint failed: p40_documents.slug";
    # PostgreSQL: 'duplicate key value violates unique constraint "uq_p40_documents_live_slug"'.
    message = str(error.orig)
    return "uq_p40_documents_live_slug" in message or "p40_documents.slug" in message


def slug_taken(slug: str) -> ProblemError:
    return ProblemError(409, "conflict", f"A live document already has the slug {slug!r}.")


def not_found(document_id: int) -> ProblemError:
    return ProblemError.not_found(f"There is no document {document_id}.")


def may_change(user: User, document: Document) -> bool:
    """Delete and restore: the owner or an admin (the role as the database has it now)."""
    return document.owner_id == user.id or user.role == "admin"


def live_document(document_id: int) -> Document:
    """The document unless it does not exist or is soft-deleted (both 404: it is gone)."""
    document = db.session.get(Document, document_id)
    if document is None or document.deleted_at is not None:
        raise not_found(document_id)
    return document


@blp.route("/documents", methods=["POST"])
@auth_required(blp)
@blp.arguments(DocumentIn)
@blp.response(201, DocumentOut, headers=LOCATION_HEADER)
@blp.alt_response(409, response="CONFLICT")
def create_document(data: dict[str, Any]) -> tuple[Document, int, dict[str, str]]:
    """Create a document; 409 while a live document has the slug (a deleted one's is free)."""
    document = Document(owner_id=current_user().id, **data)
    db.session.add(document)
    try:
        # No SELECT first: the partial unique index decides, atomically, even under a race.
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        if not is_slug_conflict(error):
            raise
        raise slug_taken(data["slug"]) from None
    return document, 201, {"Location": url_for("p40.get_document", document_id=document.id)}


@blp.route("/documents", methods=["GET"])
@blp.arguments(DocumentListQuery, location="query")
@blp.response(200, DocumentListOut)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
def list_documents(args: dict[str, Any]) -> dict[str, Any]:
    """List live documents newest first; admins may add ?include_deleted=true."""
    query = sa.select(Document)
    if args["include_deleted"]:
        # Only this variant needs a token (401 without one), and only an admin may use it.
        verify_jwt_in_request()
        if current_user().role != "admin":
            raise forbidden("Only an admin may list deleted documents.")
    else:
        query = query.where(Document.deleted_at.is_(None))
    # Newest first by id: unique (a total order, pages never overlap) and the primary key.
    query = query.order_by(Document.id.desc()).limit(args["limit"]).offset(args["offset"])
    documents = db.session.scalars(query).all()
    return {
        "items": documents,
        "count": len(documents),
        "limit": args["limit"],
        "offset": args["offset"],
    }


@blp.route("/documents/<id:document_id>", methods=["GET"])
@blp.response(200, DocumentOut)
def get_document(document_id: int) -> Document:
    """Read one live document; a soft-deleted one is 404 (for everyone)."""
    return live_document(document_id)


@blp.route("/documents/<id:document_id>", methods=["DELETE"])
@auth_required(blp)
@blp.response(204)
@blp.alt_response(403, response="FORBIDDEN")
def delete_document(document_id: int) -> None:
    """Soft-delete: set deleted_at (owner or admin); the row and its slug stay, hidden."""
    document = live_document(document_id)
    if not may_change(current_user(), document):
        raise forbidden("Only the owner or an admin may delete this document.")
    # The WHERE re-checks "still live" in the same statement: of concurrent deletes exactly one
    # changes the row; the others see rowcount 0 and answer 404 like a later delete would.
    changed = db.session.execute(
        sa.update(Document)
        .where(Document.id == document_id, Document.deleted_at.is_(None))
        .values(deleted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        db.session.rollback()
        raise not_found(document_id)
    db.session.commit()


@blp.route("/documents/<id:document_id>/restore", methods=["POST"])
@auth_required(blp)
@blp.response(200, DocumentOut)
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(409, response="CONFLICT")
def restore_document(document_id: int) -> Document:
    """Undo a soft delete (owner or admin); 409 when a live document took its slug meanwhile."""
    document = db.session.get(Document, document_id)
    if document is None:
        raise not_found(document_id)
    if not may_change(current_user(), document):
        raise forbidden("Only the owner or an admin may restore this document.")
    if document.deleted_at is None:
        return document  # already live: restoring is idempotent
    try:
        db.session.execute(
            sa.update(Document)
            .where(Document.id == document_id, Document.deleted_at.is_not(None))
            .values(deleted_at=None)
            .execution_options(synchronize_session=False)
        )
        # The partial unique index judges here: a live document with this slug → IntegrityError.
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        if not is_slug_conflict(error):
            raise
        raise slug_taken(document.slug) from None
    db.session.refresh(document)
    return document
