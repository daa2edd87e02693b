"""p01 health-check: the smallest useful endpoint, and how a monitor asks "are you alive?"."""

from flask_track.concepts.p01_health_check.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p01",
    slug="health-check",
    title="Health check",
    level=1,
    blueprint=blp,
    package=__name__,
)
