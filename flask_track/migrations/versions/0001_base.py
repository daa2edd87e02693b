"""Base revision: an empty database. Concept migrations chain from here.

Revision ID: 0001_base
Revises:
Create Date: 2026-11-21
"""

revision = "0001_base"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: the first tables come with Level 2."""


def downgrade() -> None:
    """Nothing to undo."""
