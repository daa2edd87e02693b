"""p24 jwt-create: trade credentials for a signed, short-lived HS256 access token."""

from flask_track.concepts.p24_jwt_create.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p24",
    slug="jwt-create",
    title="JWT create",
    level=3,
    blueprint=blp,
    package=__name__,
)
