"""Level 3 fixtures: a fresh signed-up user (with tokens) and the target's admin.

The admin comes from the target: the harness passes ADMIN_EMAIL/ADMIN_PASSWORD to a server it
starts with --serve; with --base-url it takes --admin-email/--admin-password, else the same
ADMIN_EMAIL/ADMIN_PASSWORD variables the server reads, else their development defaults.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from contracts.harness import describe, expect_json
from contracts.harness.plugin import NEEDS_ADMIN
from contracts.level3.auth_helpers import (
    Account,
    get_pair,
    get_token,
    sign_up,
    strong_password,
)


@pytest.fixture
def make_user(api: httpx.Client, unique: Callable[[], str]) -> Callable[..., Account]:
    """Sign up a new user with a unique email: `make_user()` -> Account (no tokens yet)."""

    def make(**extra: object) -> Account:
        token = unique()
        account = Account(email=f"user-{token}@example.com", password=strong_password(token))
        body = sign_up(api, account.email, account.password, **extra)
        account.id = body.get("id")
        return account

    return make


@pytest.fixture
def user(api: httpx.Client, make_user: Callable[..., Account]) -> Account:
    """A fresh user with an access token from POST /p24/token."""
    account = make_user()
    account.access_token = get_token(api, account.email, account.password)
    return account


@pytest.fixture
def user_pair(api: httpx.Client, make_user: Callable[..., Account]) -> Account:
    """A fresh user with an access and a refresh token from POST /p28/login."""
    account = make_user()
    pair = get_pair(api, account.email, account.password)
    account.access_token = pair["access_token"]
    account.refresh_token = pair["refresh_token"]
    return account


@pytest.fixture
def admin(api: httpx.Client, target) -> Account:
    """The target's admin account, logged in (POST /p24/token).

    Credentials come from --serve, the options, $ADMIN_EMAIL/$ADMIN_PASSWORD, or else the
    development defaults. Only the guessed defaults may be refused without the server being
    at fault: then the case is skipped, never failed.
    """
    if not (target.admin_email and target.admin_password):
        pytest.skip(NEEDS_ADMIN)
    account = Account(email=target.admin_email, password=target.admin_password)
    response = api.post("/p24/token", json={"email": account.email, "password": account.password})
    if response.status_code in (400, 401, 403, 422):
        refused = (
            f"the admin {account.email} ({target.admin_source}) was refused "
            f"({response.status_code})"
        )
        if target.admin_source == "development default":
            pytest.skip(f"{NEEDS_ADMIN}: {refused}")
        pytest.fail(f"{refused}: check --admin-email/--admin-password or ADMIN_*", pytrace=False)
    body = expect_json(response, 200)
    assert isinstance(body.get("access_token"), str), describe(response, "an access_token")
    account.access_token = body["access_token"]
    me = api.get("/p26/me", headers=account.headers)
    account.id = me.json().get("id") if me.status_code == 200 else None
    return account


@pytest.fixture
def roles_lock(target) -> Iterator[None]:
    """Serialise the cases that promote or demote admins (pytest -n N runs on one machine).

    The last-admin case demotes every admin but the target's own; a promoted admin of a
    concurrent case would otherwise decide its outcome.
    """
    name = hashlib.sha256(target.base_url.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"contracts-p30-roles-{name}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
