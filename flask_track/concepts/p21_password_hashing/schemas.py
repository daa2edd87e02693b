"""What p21 accepts and answers."""

from __future__ import annotations

import argon2
from argon2.exceptions import InvalidHashError
from marshmallow import Schema, ValidationError, fields, validate

from flask_track.shared.users import password_field

# A hash sent to /verify decides how much memory and time the verification costs: without a
# ceiling, one request with m=4 GiB (or t=100000) would take the worker down. These allow
# argon2-cffi's own defaults (64 MiB, t=3, p=4) and anything cheaper.
MAX_MEMORY_KIB = 64 * 1024
MAX_TIME_COST = 10
MAX_PARALLELISM = 8
MAX_HASH_CHARS = 512


def _affordable_argon2_hash(value: str) -> None:
    """The hash must be an argon2 PHC string whose cost we agree to pay."""
    try:
        params = argon2.extract_parameters(value)
    except (InvalidHashError, ValueError):
        raise ValidationError(
            "Not an argon2 hash ($argon2id$v=19$m=...,t=...,p=...$...)."
        ) from None
    if (
        params.memory_cost > MAX_MEMORY_KIB
        or params.time_cost > MAX_TIME_COST
        or params.parallelism > MAX_PARALLELISM
    ):
        raise ValidationError(
            f"Hash parameters too costly to verify here (m <= {MAX_MEMORY_KIB} KiB, "
            f"t <= {MAX_TIME_COST}, p <= {MAX_PARALLELISM})."
        )


class HashIn(Schema):
    """POST /p21/hash."""

    password = password_field(description="The password to hash.")


class HashParametersOut(Schema):
    """The argon2id cost parameters the server hashes with."""

    memory_kib = fields.Integer(required=True, metadata={"minimum": 19456})
    time_cost = fields.Integer(required=True, metadata={"minimum": 2})
    parallelism = fields.Integer(required=True, metadata={"minimum": 1})


class HashOut(Schema):
    """A PHC-format hash: algorithm, version, parameters, salt and digest in one string."""

    hash = fields.String(
        required=True,
        metadata={"example": "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$ZGlnZXN0ZGlnZXN0"},
    )
    algorithm = fields.String(required=True, metadata={"enum": ["argon2id"]})
    parameters = fields.Nested(HashParametersOut, required=True)


class VerifyIn(Schema):
    """POST /p21/verify."""

    password = password_field(description="The password to check.")
    hash = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=MAX_HASH_CHARS), _affordable_argon2_hash],
        metadata={"description": "An argon2 PHC string, e.g. from POST /p21/hash."},
    )


class VerifyOut(Schema):
    """Whether the password matches, and whether the hash should be upgraded."""

    valid = fields.Boolean(required=True)
    needs_rehash = fields.Boolean(
        required=True,
        metadata={"description": "The hash's parameters differ from the server's current ones."},
    )
