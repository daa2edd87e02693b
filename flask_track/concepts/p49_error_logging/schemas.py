"""What p49 answers."""

from marshmallow import INCLUDE, Schema, fields


class ErrorRecordOut(Schema):
    """One stored error record (what the log line said, plus the user)."""

    class Meta:
        unknown = INCLUDE  # the log record's own members (ts, level, logger, ...)

    error_id = fields.String(required=True)
    request_id = fields.String(required=True)
    method = fields.String(required=True)
    route = fields.String(required=True, allow_none=True)
    path = fields.String(required=True)
    user_id = fields.Integer(required=True, allow_none=True)
    exc_type = fields.String(required=True)
    traceback = fields.String(required=True)
    headers = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
