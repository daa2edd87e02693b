"""p07 validation: refuse bad input field by field, all at once, before doing anything with it."""

from flask_track.concepts.p07_validation.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p07",
    slug="validation",
    title="Validation",
    level=1,
    blueprint=blp,
    package=__name__,
)
