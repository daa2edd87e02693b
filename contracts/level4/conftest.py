"""Level 4 fixtures: the Level 3 accounts (a fresh user with a token), imported, not copied."""

from __future__ import annotations

from contracts.level3.conftest import make_user, user  # noqa: F401  (fixtures)
