"""p09 request-logger: one structured log line per request, and hooks around every handler."""

from flask_track.concepts.p09_request_logger.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p09",
    slug="request-logger",
    title="Request logger",
    level=1,
    blueprint=blp,
    package=__name__,
)
