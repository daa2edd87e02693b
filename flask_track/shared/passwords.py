"""Password hashing with argon2id (p21's lesson), held on the app like any service handle.

`passwords.init_app(app)` (in create_app) reads the ARGON2_* settings once and refuses costs
below OWASP's floor; every concept then hashes and verifies through the functions below.
The dummy hash lets a login for an unknown email spend the same time as a real one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import argon2
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app

from flask_track.config import ConfigError

# OWASP Password Storage Cheat Sheet, argon2id minimum: m = 19 MiB, t = 2, p = 1.
ARGON2_FLOOR_MEMORY_KIB = 19 * 1024
ARGON2_FLOOR_TIME_COST = 2
EXTENSION = "flask_track.passwords"
# The stored "hash" of an account that has no password (p41: created by an OAuth login).
# No argon2 PHC string starts with "!", so no password can ever verify against it.
UNUSABLE_PREFIX = "!"


@dataclass
class _State:
    hasher: argon2.PasswordHasher
    dummy_hash: str | None = field(default=None)


class Passwords:
    """The app's argon2id hasher (the Flask extension pattern: created unbound, `init_app`)."""

    def init_app(self, app: Flask) -> None:
        """Check the ARGON2_* settings and keep the hasher in `app.extensions`."""
        app.extensions[EXTENSION] = _State(_check_argon2_settings(app))


def _state() -> _State:
    state: _State = current_app.extensions[EXTENSION]
    return state


def _hasher() -> argon2.PasswordHasher:
    return _state().hasher


def hash_password(password: str) -> str:
    """An argon2id PHC string with a fresh random salt (so equal passwords hash differently)."""
    return _hasher().hash(password)


def unusable_password() -> str:
    """The password_hash of an account without a password: random, and never verifiable."""
    return UNUSABLE_PREFIX + secrets.token_urlsafe(24)


def has_usable_password(stored_hash: str) -> bool:
    """False for an account created without a password (an OAuth login, p41)."""
    return not stored_hash.startswith(UNUSABLE_PREFIX)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches; False for a mismatch or a hash that is not argon2."""
    if not has_usable_password(stored_hash):
        # Spend one real verification: a password login to an OAuth-only account must look
        # exactly like a wrong password (same answer, same time), or it tells who has none.
        dummy_verify(password)
        return False
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        # VerifyMismatchError is a VerificationError; neither says which part was wrong.
        return False


def password_needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with other parameters (or type) than the current ones."""
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def dummy_hash() -> str:
    """A hash of a random password with the current parameters, made once per app."""
    state = _state()
    if state.dummy_hash is None:
        state.dummy_hash = hash_password(secrets.token_urlsafe(32))
    return state.dummy_hash


def dummy_verify(password: str) -> None:
    """Spend the time of one real verification, so an unknown email is not faster to answer."""
    verify_password(dummy_hash(), password)


def _check_argon2_settings(app: Flask) -> argon2.PasswordHasher:
    memory = int(app.config["ARGON2_MEMORY_KIB"])
    time_cost = int(app.config["ARGON2_TIME_COST"])
    parallelism = int(app.config["ARGON2_PARALLELISM"])
    if memory < ARGON2_FLOOR_MEMORY_KIB or time_cost < ARGON2_FLOOR_TIME_COST or parallelism < 1:
        raise ConfigError(
            "argon2id parameters below the OWASP floor (ARGON2_MEMORY_KIB >= 19456, "
            "ARGON2_TIME_COST >= 2, ARGON2_PARALLELISM >= 1): refusing to start."
        )
    return argon2.PasswordHasher(
        time_cost=time_cost,
        memory_cost=memory,
        parallelism=parallelism,
        type=argon2.Type.ID,
    )
