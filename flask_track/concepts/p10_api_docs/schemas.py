"""What p10 reads and answers."""

from marshmallow import EXCLUDE, Schema, fields

# The methods a route can be listed with (HEAD and OPTIONS are answered for every GET / every
# route by the framework itself, so they are left out of the list).
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


class RoutesQuery(Schema):
    """Optional filter of GET /p10/routes."""

    class Meta:
        # Unknown query parameters are ignored, as HTTP clients expect.
        unknown = EXCLUDE

    # Query strings are text: only the literal words "true" and "false" are booleans here.
    documented = fields.Boolean(
        truthy={"true"},
        falsy={"false"},
        metadata={"description": "only routes that are (true) or are not (false) documented"},
    )


class RouteOut(Schema):
    """One served method + path, and whether /openapi.json documents it."""

    method = fields.String(required=True, metadata={"enum": METHODS})
    path = fields.String(
        required=True,
        metadata={"description": "OpenAPI style: {name} for path parameters", "pattern": "^/"},
    )
    documented = fields.Boolean(required=True)


class RoutesOut(Schema):
    """The body of GET /p10/routes."""

    items = fields.List(fields.Nested(RouteOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
