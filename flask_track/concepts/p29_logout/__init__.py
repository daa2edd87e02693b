"""p29 logout: make stateless tokens stop working before they expire."""

from flask_track.concepts.p29_logout.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p29",
    slug="logout",
    title="Logout",
    level=3,
    blueprint=blp,
    package=__name__,
)
