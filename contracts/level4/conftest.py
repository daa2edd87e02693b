"""Level 4 fixtures: the Level 3 accounts (a fresh user with a token, the target's admin)."""

from __future__ import annotations

from contracts.level3.conftest import admin, make_user, user, user_pair  # noqa: F401  (fixtures)
