"""p04 query-params: filtering and sorting a collection with typed, validated query strings."""

from flask_track.concepts.p04_query_params.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p04",
    slug="query-params",
    title="Query parameters",
    level=1,
    blueprint=blp,
    package=__name__,
)
