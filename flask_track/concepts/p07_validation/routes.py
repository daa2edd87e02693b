"""POST /p07/registrations: every field checked, every problem reported at once."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p07_validation.schemas import RegistrationIn, RegistrationOut
from flask_track.core.openapi import Blueprint

blp = Blueprint("p07", __name__)


@blp.route("/registrations", methods=["POST"])
@blp.arguments(RegistrationIn)
@blp.response(201, RegistrationOut)
def register(data: dict[str, Any]) -> dict[str, Any]:
    """Validate a registration and answer it normalized (without the password)."""
    # By the time we get here webargs has run every rule in RegistrationIn and answered 422
    # (one `errors` entry per bad field) if any failed: `data` is typed and normalized.
    # Nothing is stored: this concept is about the gate, p22 (signup) keeps accounts.
    # The password is simply not a field of RegistrationOut, so it cannot leak into the answer.
    data.setdefault("website", None)
    return data
