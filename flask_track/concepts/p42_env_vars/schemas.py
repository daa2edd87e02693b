"""What p42 answers."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

SOURCES = ["env", ".env", "default", "override"]


class SettingOut(Schema):
    """One setting: where its value came from, and the value as it may be shown."""

    name = fields.String(required=True)
    source = fields.String(required=True, validate=validate.OneOf(SOURCES))
    # Text, a number, a list of text or null (unset); `***` for a secret.
    value = fields.Raw(required=True, allow_none=True)
    secret = fields.Boolean(required=True)


class SettingsOut(Schema):
    """Every setting the app reads, in declaration order."""

    items = fields.List(fields.Nested(SettingOut), required=True)
    count = fields.Integer(required=True)
