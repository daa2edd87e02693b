"""GET /p50/version: what the deployment test reads first (is the new version live?)."""

from __future__ import annotations

from marshmallow import Schema, fields

from flask_track.core.openapi import Blueprint
from flask_track.shared.build_info import build_info

blp = Blueprint("p50", __name__)


class VersionOut(Schema):
    """The deployed version and commit."""

    version = fields.String(required=True)
    git_sha = fields.String(required=True)


@blp.route("/version")
@blp.response(200, VersionOut)
def version() -> dict[str, str]:
    """The version and commit this instance runs (a deploy pipeline compares them)."""
    info = build_info()
    return {"version": info["version"], "git_sha": info["git_sha"]}
