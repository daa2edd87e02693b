"""p46 counter: one row (id 1) that the database increments atomically.

Revision ID: 0006_p46_counter
Revises: 0005_p49_errors
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_p46_counter"
down_revision = "0005_p49_errors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create p46_counters with its one row."""
    counters = op.create_table(
        "p46_counters",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.bulk_insert(counters, [{"id": 1, "value": 0}])


def downgrade() -> None:
    """Drop p46_counters."""
    op.drop_table("p46_counters")
