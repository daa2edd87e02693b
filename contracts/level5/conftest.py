"""Level 5 fixtures: the Level 3 accounts (a fresh user, the target's admin) are reused."""

from contracts.level3.conftest import admin, make_user, user  # noqa: F401  (pytest fixtures)
