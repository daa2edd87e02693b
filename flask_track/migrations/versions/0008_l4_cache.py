"""Level 4 cache concepts: p37 articles (p36 and p38 keep no table).

Revision ID: 0008_l4_cache
Revises: 0007_l4_misc
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_l4_cache"
down_revision = "0007_l4_misc"
branch_labels = None
depends_on = None

# 64-bit ids: BIGINT (bigserial) on PostgreSQL, the INTEGER PRIMARY KEY rowid on SQLite.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create p37_articles."""
    op.create_table(
        "p37_articles",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        # No rowid reuse on SQLite: a cached copy of a deleted article never names another.
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    """Drop p37_articles."""
    op.drop_table("p37_articles")
