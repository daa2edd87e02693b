"""p26 protected-route: routes only the token's (still existing) user may call."""

from flask_track.concepts.p26_protected_route.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p26",
    slug="protected-route",
    title="Protected route",
    level=3,
    blueprint=blp,
    package=__name__,
)
