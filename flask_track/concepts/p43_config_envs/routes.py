"""GET /p43/config: which environment the app runs as, and the backends that follow from it."""

from __future__ import annotations

from typing import Any

from flask import current_app

from flask_track.concepts.p43_config_envs.schemas import ConfigOut
from flask_track.core.openapi import Blueprint
from flask_track.extensions import db, rate_limit_storage
from flask_track.shared.cache import backend_name

blp = Blueprint("p43", __name__)


@blp.route("/config")
@blp.response(200, ConfigOut)
def configuration() -> dict[str, Any]:
    """The config class in effect, its debug/testing flags and the backends chosen at start."""
    return {
        # The class create_app() was given (DevelopmentConfig, ...), not the APP_ENV text.
        "env": current_app.config["ENV_NAME"],
        "debug": current_app.debug,
        "testing": current_app.testing,
        # Read from the objects in use, not re-derived from the settings: the engine's
        # dialect (what p11 reports), the cache p36 reports, the counters p23/p38 use.
        "database_dialect": db.engine.dialect.name,
        "cache_backend": backend_name(),
        "rate_limit_storage": rate_limit_storage.backend,
    }
