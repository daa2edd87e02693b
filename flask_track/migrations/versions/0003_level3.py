"""Level 3 auth tables: p22 users, p28 refresh-token families, p29 revoked tokens.

Revision ID: 0003_level3
Revises: 0002_level2
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_level3"
down_revision = "0002_level2"
branch_labels = None
depends_on = None

# 64-bit ids: BIGINT (bigserial) on PostgreSQL, the INTEGER PRIMARY KEY rowid on SQLite.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create users, refresh_token_families and revoked_tokens."""
    op.create_table(
        "users",
        sa.Column("id", ID, primary_key=True),
        # Always stored lower-cased: the unique constraint is the case-insensitive guard.
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=True),
        sa.Column("role", sa.String(16), nullable=False, server_default="user"),
        sa.Column("token_version", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('user', 'admin')", name="ck_users_role"),
        sa.UniqueConstraint("email", name="uq_users_email"),
        # No rowid reuse on SQLite: a deleted user's id never names another user.
        sqlite_autoincrement=True,
    )
    op.create_index("ix_users_role", "users", ["role"])

    op.create_table(
        "refresh_token_families",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "user_id",
            ID,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_refresh_families_user"),
            nullable=False,
        ),
        # The one refresh token of the family that may be used now; any other is a replay.
        sa.Column("current_jti", sa.String(36), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(32), nullable=True),
    )
    op.create_index("ix_refresh_token_families_user_id", "refresh_token_families", ["user_id"])

    op.create_table(
        "revoked_tokens",
        sa.Column("jti", sa.String(36), primary_key=True),
        # After this the token is expired anyway and the row can go.
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_revoked_tokens_expires_at", "revoked_tokens", ["expires_at"])


def downgrade() -> None:
    """Drop the Level 3 tables (children first)."""
    op.drop_index("ix_revoked_tokens_expires_at", table_name="revoked_tokens")
    op.drop_table("revoked_tokens")
    op.drop_index("ix_refresh_token_families_user_id", table_name="refresh_token_families")
    op.drop_table("refresh_token_families")
    op.drop_index("ix_users_role", table_name="users")
    op.drop_table("users")
