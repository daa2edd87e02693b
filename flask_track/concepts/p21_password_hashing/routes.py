"""POST /p21/hash and POST /p21/verify: argon2id (shared/passwords.py), never a home-made hash."""

from __future__ import annotations

from typing import Any

from flask import current_app

from flask_track.concepts.p21_password_hashing.schemas import HashIn, HashOut, VerifyIn, VerifyOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.shared.passwords import hash_password, password_needs_rehash, verify_password
from flask_track.shared.tokens import NO_STORE

blp = Blueprint("p21", __name__)


@blp.route("/hash", methods=["POST"])
@blp.arguments(HashIn)
@blp.response(200, HashOut, headers=CACHE_CONTROL_DOC)
def make_hash(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Hash a password with argon2id and a fresh random salt."""
    config = current_app.config
    body = {
        "hash": hash_password(data["password"]),
        "algorithm": "argon2id",
        "parameters": {
            "memory_kib": config["ARGON2_MEMORY_KIB"],
            "time_cost": config["ARGON2_TIME_COST"],
            "parallelism": config["ARGON2_PARALLELISM"],
        },
    }
    # A hash is not a secret key, but it is offline-crackable: keep it out of caches.
    return body, 200, NO_STORE


@blp.route("/verify", methods=["POST"])
@blp.arguments(VerifyIn)
@blp.response(200, VerifyOut, headers=CACHE_CONTROL_DOC)
def verify(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Check a password against a hash; say whether the hash uses outdated parameters."""
    body = {
        "valid": verify_password(data["hash"], data["password"]),
        # A property of the hash, not of the password: true for any other m/t/p or type.
        "needs_rehash": password_needs_rehash(data["hash"]),
    }
    return body, 200, NO_STORE
