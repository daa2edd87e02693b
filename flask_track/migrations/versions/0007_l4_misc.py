"""Level 4 (l4-misc): p40 documents with a partial unique index on live slugs.

Revision ID: 0007_l4_misc
Revises: 0006_p46_counter
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_l4_misc"
down_revision = "0006_p46_counter"
branch_labels = None
depends_on = None

# 64-bit ids: BIGINT (bigserial) on PostgreSQL, the INTEGER PRIMARY KEY rowid on SQLite.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
LIVE = "deleted_at IS NULL"


def upgrade() -> None:
    """Create p40_documents and its indexes."""
    op.create_table(
        "p40_documents",
        sa.Column("id", ID, primary_key=True),
        sa.Column(
            "owner_id",
            ID,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_p40_documents_owner"),
            nullable=False,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sqlite_autoincrement=True,
    )
    # At most one live document per slug; soft-deleted rows keep theirs without blocking it.
    op.create_index(
        "uq_p40_documents_live_slug",
        "p40_documents",
        ["slug"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )
    op.create_index("ix_p40_documents_owner_id", "p40_documents", ["owner_id"])


def downgrade() -> None:
    """Drop p40_documents."""
    op.drop_index("ix_p40_documents_owner_id", table_name="p40_documents")
    op.drop_index("uq_p40_documents_live_slug", table_name="p40_documents")
    op.drop_table("p40_documents")
