"""GET /p47/build: which build is running (the image's build arguments, or this checkout)."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.core.openapi import Blueprint
from flask_track.shared.build_info import build_info

blp = Blueprint("p47", __name__)


class BuildOut(Schema):
    """The running build."""

    version = fields.String(required=True)
    git_sha = fields.String(required=True, metadata={"description": '40 hex digits or "unknown"'})
    build_time = fields.String(required=True, metadata={"description": 'ISO 8601 or "unknown"'})
    python_version = fields.String(required=True, metadata={"example": "3.11.7"})


@blp.route("/build")
@blp.response(200, BuildOut)
def build() -> dict[str, str]:
    """Version, git commit, build time and Python version of the running server."""
    return build_info()
