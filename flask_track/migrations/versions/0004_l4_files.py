"""Level 4 files: p31 upload metadata (the bytes live in UPLOAD_DIR).

Revision ID: 0004_l4_files
Revises: 0003_level3
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_l4_files"
down_revision = "0003_level3"
branch_labels = None
depends_on = None

# 64-bit ids: BIGINT (bigserial) on PostgreSQL, the INTEGER PRIMARY KEY rowid on SQLite.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create p31_files."""
    op.create_table(
        "p31_files",
        sa.Column("id", ID, primary_key=True),
        sa.Column(
            "owner_id",
            ID,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_p31_files_owner"),
            nullable=False,
        ),
        sa.Column("filename", sa.String(100), nullable=False),
        sa.Column("stored_name", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("stored_name", name="uq_p31_files_stored_name"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_p31_files_owner_id", "p31_files", ["owner_id"])


def downgrade() -> None:
    """Drop p31_files (the files on disk are left to the operator)."""
    op.drop_index("ix_p31_files_owner_id", table_name="p31_files")
    op.drop_table("p31_files")
