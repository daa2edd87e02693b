"""p19 one-to-many: posts and comments, cascading deletes, and lists without N+1 queries."""

from flask_track.concepts.p19_one_to_many.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p19",
    slug="one-to-many",
    title="One-to-many",
    level=2,
    blueprint=blp,
    package=__name__,
)
