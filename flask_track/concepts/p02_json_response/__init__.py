"""p02 json-response: turning Python data into a JSON response, non-ASCII text included."""

from flask_track.concepts.p02_json_response.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p02",
    slug="json-response",
    title="JSON response",
    level=1,
    blueprint=blp,
    package=__name__,
)
