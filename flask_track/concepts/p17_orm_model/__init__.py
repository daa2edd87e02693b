"""p17 orm-model: a typed SQLAlchemy model, its migration, and a unique constraint as the judge."""

from flask_track.concepts.p17_orm_model.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p17",
    slug="orm-model",
    title="ORM model",
    level=2,
    blueprint=blp,
    package=__name__,
)
