"""p10 api-docs: an OpenAPI document that matches the routes the app really serves."""

from flask_track.concepts.p10_api_docs.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p10",
    slug="api-docs",
    title="API docs",
    level=1,
    blueprint=blp,
    package=__name__,
)
