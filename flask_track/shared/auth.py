"""Wiring of the Level 3 auth primitives into an app: hasher, JWTs, admin."""

from __future__ import annotations

from flask import Flask

import flask_track.shared.jwt_loaders  # noqa: F401  (registers the JWT loaders)
from flask_track.config import ConfigError
from flask_track.extensions import api, jwt, passwords
from flask_track.shared.admin import init_admin
from flask_track.shared.tokens import BEARER_SCHEME


def init_auth(app: Flask) -> None:
    """Hasher, JWT settings and loaders, OpenAPI scheme, admin bootstrap."""
    passwords.init_app(app)
    app.config.update(
        JWT_TOKEN_LOCATION=["headers"],  # never query strings or cookies
        JWT_HEADER_NAME="Authorization",
        JWT_HEADER_TYPE="Bearer",
        JWT_ALGORITHM="HS256",
        JWT_DECODE_ALGORITHMS=["HS256"],  # what we accept: never "none", never RS/HS confusion
        JWT_COOKIE_CSRF_PROTECT=False,  # no cookies, so no csrf claim
        JWT_ENCODE_NBF=False,
        JWT_IDENTITY_CLAIM="sub",
    )
    if not app.config.get("JWT_SECRET_KEY"):
        raise ConfigError("JWT_SECRET_KEY is empty: refusing to start.")
    jwt.init_app(app)
    api.spec.components.security_scheme(
        BEARER_SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An access token from POST /p24/token, /p27/token or /p28/login.",
        },
    )
    init_admin(app)
