"""p03 json-body: reading a JSON request body strictly, whatever JSON value it holds."""

from flask_track.concepts.p03_json_body.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p03",
    slug="json-body",
    title="JSON body",
    level=1,
    blueprint=blp,
    package=__name__,
)
