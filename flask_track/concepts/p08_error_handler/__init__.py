"""p08 error-handler: one place turns every exception into a problem, and nothing leaks."""

from flask_track.concepts.p08_error_handler.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p08",
    slug="error-handler",
    title="Error handler",
    level=1,
    blueprint=blp,
    package=__name__,
)
