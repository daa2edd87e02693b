"""The running app's settings object (flask_track/config.py), as create_app() kept it."""

from __future__ import annotations

from flask import current_app

from flask_track.config import EXTENSION, Config


def current_settings() -> Config:
    """The config object the current app was built from: values, sources, the declarations."""
    settings: Config = current_app.extensions[EXTENSION]
    return settings
