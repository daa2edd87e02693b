"""p49 error records: one row per unhandled error, keyed by the 500's error_id.

Revision ID: 0005_p49_errors
Revises: 0004_l4_files
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_p49_errors"
down_revision = "0004_l4_files"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create p49_error_records."""
    op.create_table(
        "p49_error_records",
        sa.Column("error_id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
    )
    op.create_index("ix_p49_error_records_created_at", "p49_error_records", ["created_at"])


def downgrade() -> None:
    """Drop p49_error_records."""
    op.drop_index("ix_p49_error_records_created_at", table_name="p49_error_records")
    op.drop_table("p49_error_records")
