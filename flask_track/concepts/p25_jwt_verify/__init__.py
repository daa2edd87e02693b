"""p25 jwt-verify: what a server checks before it believes a token."""

from flask_track.concepts.p25_jwt_verify.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p25",
    slug="jwt-verify",
    title="JWT verify",
    level=3,
    blueprint=blp,
    package=__name__,
)
