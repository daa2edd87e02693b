"""POST /p23/login: the credential check every token route reuses (shared/credentials.py)."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p23_login.schemas import LoginIn, LoginOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.shared.credentials import authenticate, credential_check_responses
from flask_track.shared.tokens import NO_STORE

blp = Blueprint("p23", __name__)


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginIn)
@blp.response(200, LoginOut, headers=CACHE_CONTROL_DOC)
@credential_check_responses(blp)
def login(data: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Check an email and password; the same 401 for a wrong password and an unknown email."""
    user = authenticate(data["email"], data["password"])
    return {"user": user}, 200, NO_STORE
