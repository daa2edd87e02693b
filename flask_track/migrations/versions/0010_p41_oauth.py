"""p41 oauth-login: the mock provider's clients, codes, tokens and key; linked accounts; handoffs.

Revision ID: 0010_p41_oauth
Revises: 0009_l4_worker
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_p41_oauth"
down_revision = "0009_l4_worker"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def _user_fk(name: str) -> sa.ForeignKey:
    return sa.ForeignKey("users.id", ondelete="CASCADE", name=name)


def upgrade() -> None:
    """Create the six p41 tables."""
    op.create_table(
        "p41_oauth_clients",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=True),
        sa.Column("token_endpoint_auth_method", sa.String(32), nullable=False),
        sa.Column("redirect_uris", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "p41_authorization_codes",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("redirect_uri", sa.String(2048), nullable=False),
        sa.Column("scope", sa.String(255), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("nonce", sa.String(255), nullable=True),
        sa.Column("code_challenge", sa.String(128), nullable=False),
        sa.Column("code_challenge_method", sa.String(8), nullable=False),
        sa.Column("auth_time", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
    )
    op.create_table(
        "p41_provider_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("scope", sa.String(255), nullable=False),
        sa.Column("issued_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_in", sa.Integer(), nullable=False),
    )
    op.create_table(
        "p41_signing_keys",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("kid", sa.String(64), nullable=False),
        sa.Column("private_pem", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "p41_linked_accounts",
        sa.Column("id", ID, primary_key=True),
        sa.Column("issuer", sa.String(255), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("user_id", ID, _user_fk("fk_p41_linked_user"), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("issuer", "subject", name="uq_p41_linked_issuer_subject"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_p41_linked_accounts_user_id", "p41_linked_accounts", ["user_id"])
    op.create_table(
        "p41_login_handoffs",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", ID, _user_fk("fk_p41_handoff_user"), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_index("ix_p41_login_handoffs_user_id", "p41_login_handoffs", ["user_id"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_p41_login_handoffs_user_id", table_name="p41_login_handoffs")
    op.drop_table("p41_login_handoffs")
    op.drop_index("ix_p41_linked_accounts_user_id", table_name="p41_linked_accounts")
    op.drop_table("p41_linked_accounts")
    op.drop_table("p41_signing_keys")
    op.drop_table("p41_provider_tokens")
    op.drop_table("p41_authorization_codes")
    op.drop_table("p41_oauth_clients")
