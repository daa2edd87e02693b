"""Level 4 background work: p35 jobs, the outbox of p33/p34, p34 reset tokens.

Revision ID: 0009_l4_worker
Revises: 0008_l4_cache
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_l4_worker"
down_revision = "0008_l4_cache"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def _user_fk(name: str) -> sa.ForeignKey:
    return sa.ForeignKey("users.id", ondelete="CASCADE", name=name)


def upgrade() -> None:
    """Create jobs, outbox_messages and password_reset_tokens."""
    op.create_table(
        "jobs",
        sa.Column("id", ID, primary_key=True),
        sa.Column("owner_id", ID, _user_fk("fk_jobs_owner"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="queued"),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("claimed_by", sa.String(100), nullable=True),
        sa.Column("lease_until", TS, nullable=True),
        sa.Column("enqueued_at", TS, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("started_at", TS, nullable=True),
        sa.Column("finished_at", TS, nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')", name="ck_jobs_status"
        ),
        sa.CheckConstraint("kind IN ('wordcount', 'sleep', 'fail')", name="ck_jobs_kind"),
    )
    op.create_index("ix_jobs_owner_id", "jobs", ["owner_id"])
    op.create_index("ix_jobs_status_enqueued", "jobs", ["status", "enqueued_at"])

    op.create_table(
        "outbox_messages",
        sa.Column("id", ID, primary_key=True),
        sa.Column("sender_id", ID, _user_fk("fk_outbox_sender"), nullable=True),
        sa.Column("to_address", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("status", sa.String(16), nullable=False, server_default="queued"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TS, nullable=False),
        sa.Column("claimed_until", TS, nullable=True),
        sa.Column("claimed_by", sa.String(100), nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.CheckConstraint("status IN ('queued', 'sent', 'failed')", name="ck_outbox_status"),
    )
    op.create_index("ix_outbox_messages_sender_id", "outbox_messages", ["sender_id"])
    op.create_index("ix_outbox_due", "outbox_messages", ["status", "next_attempt_at"])

    op.create_table(
        "password_reset_tokens",
        sa.Column("id", ID, primary_key=True),
        sa.Column("user_id", ID, _user_fk("fk_password_reset_user"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("spent_at", TS, nullable=True),
        sa.Column("spent_reason", sa.String(16), nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_password_reset_token_hash"),
    )
    op.create_index("ix_password_reset_tokens_user_id", "password_reset_tokens", ["user_id"])


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("password_reset_tokens")
    op.drop_table("outbox_messages")
    op.drop_table("jobs")
