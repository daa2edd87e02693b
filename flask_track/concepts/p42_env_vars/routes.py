"""GET /p42/env (admin): every setting's name, source and value, secrets masked."""

from __future__ import annotations

from typing import Any

from flask_track.concepts.p42_env_vars.schemas import SettingsOut
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.shared.settings import current_settings
from flask_track.shared.tokens import auth_required

blp = Blueprint("p42", __name__)


@blp.route("/env")
@auth_required(blp, role="admin")
@blp.response(200, SettingsOut, headers=CACHE_CONTROL_DOC)
def environment() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Each setting's name, source (env, .env, default) and value; secrets as *** (admins)."""
    # The values were read once, at start-up: this shows what the app runs with, not what
    # os.environ says now. report() masks secrets and URL passwords; nothing here is logged.
    items = current_settings().report()
    # Configuration is no one's to keep: no shared or browser cache may store it.
    return {"items": items, "count": len(items)}, 200, {"Cache-Control": "no-store"}
