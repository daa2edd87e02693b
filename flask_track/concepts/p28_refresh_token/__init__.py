"""p28 refresh-token: rotate refresh tokens and catch a stolen one when it is replayed."""

from flask_track.concepts.p28_refresh_token.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p28",
    slug="refresh-token",
    title="Refresh token",
    level=3,
    blueprint=blp,
    package=__name__,
)
