"""p27 token-expiry: every token ends; ask for one that ends in seconds and watch it fail."""

from flask_track.concepts.p27_token_expiry.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p27",
    slug="token-expiry",
    title="Token expiry",
    level=3,
    blueprint=blp,
    package=__name__,
)
