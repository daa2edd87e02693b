"""p40: the partial unique index as migrated, and the 409s it decides (white-box)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p40_soft_delete.models import Document
from flask_track.concepts.p40_soft_delete.routes import is_slug_conflict
from flask_track.core.types import utcnow
from flask_track.extensions import db
from tests.test_auth_support import access_token, bearer, problem, signup
from tests.test_migrations import postgres_app, postgres_url, upgrade  # noqa: F401 (fixtures)


@pytest.fixture
def headers(client: FlaskClient) -> dict[str, str]:
    signup(client, "ada@example.com")
    return bearer(access_token(client, "ada@example.com"))


def create(client: FlaskClient, headers: dict[str, str], slug: str) -> Any:
    return client.post("/p40/documents", headers=headers, json={"title": "t", "slug": slug})


def test_the_migrated_index_is_partial(app: Flask) -> None:
    """SQLite: the migration made a UNIQUE index WHERE deleted_at IS NULL (not UNIQUE(slug))."""
    with app.app_context(), db.engine.connect() as connection:
        ddl = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'uq_p40_documents_live_slug'"
        ).scalar_one()
    assert "UNIQUE INDEX" in ddl and "WHERE deleted_at IS NULL" in ddl


def test_the_migrated_index_is_partial_on_postgres(request: pytest.FixtureRequest) -> None:
    """PostgreSQL: the same partial index (Alembic's comparison does not look at WHERE)."""
    pg_app: Flask = request.getfixturevalue("postgres_app")
    upgrade(pg_app)
    with pg_app.app_context(), db.engine.connect() as connection:
        ddl = connection.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_p40_documents_live_slug'"
        ).scalar_one()
    assert "UNIQUE INDEX" in ddl and "WHERE (deleted_at IS NULL)" in ddl


def test_deleted_rows_may_share_a_slug_live_rows_may_not(app: Flask, client: FlaskClient) -> None:
    """Two deleted rows and one live row with one slug are fine; a second live row is refused."""
    signup(client, "ada@example.com")
    with app.app_context():
        owner = db.session.execute(sa.text("SELECT id FROM users LIMIT 1")).scalar_one()
        for deleted_at in (utcnow(), utcnow(), None):
            db.session.add(Document(owner_id=owner, title="t", slug="s", deleted_at=deleted_at))
        db.session.commit()
        db.session.add(Document(owner_id=owner, title="t", slug="s"))
        with pytest.raises(IntegrityError) as raised:
            db.session.commit()
        db.session.rollback()
        assert is_slug_conflict(raised.value)


def test_a_foreign_key_error_is_not_a_slug_conflict(app: Flask) -> None:
    """A document of a user who does not exist breaks the foreign key: not taken for a 409."""
    with app.app_context():
        db.session.add(Document(owner_id=424242, title="t", slug="fk"))
        with pytest.raises(IntegrityError) as raised:
            db.session.commit()
        db.session.rollback()
        assert not is_slug_conflict(raised.value)


def test_restore_after_the_slug_was_reused_is_409_and_stays_deleted(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    """The restore's UPDATE is judged by the index: 409, and deleted_at is kept in the row."""
    first = create(client, headers, "notes").get_json()
    assert client.delete(f"/p40/documents/{first['id']}", headers=headers).status_code == 204
    assert create(client, headers, "notes").status_code == 201
    problem(client.post(f"/p40/documents/{first['id']}/restore", headers=headers), 409, "conflict")
    with app.app_context():
        assert db.session.get(Document, first["id"]).deleted_at is not None


def test_deleting_the_owner_deletes_their_documents(app: Flask, client: FlaskClient) -> None:
    """ON DELETE CASCADE: DELETE /p26/me takes the user's documents (live or deleted) along."""
    signup(client, "bob@example.com")
    token = bearer(access_token(client, "bob@example.com"))
    document = create(client, token, "bobs").get_json()
    assert client.delete("/p26/me", headers=token).status_code == 204
    with app.app_context():
        assert db.session.get(Document, document["id"]) is None
