"""p18 orm-vs-sql: one aggregate through ORM expressions and through hand-written SQL."""

from flask_track.concepts.p18_orm_vs_sql.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p18",
    slug="orm-vs-sql",
    title="ORM vs raw SQL",
    level=2,
    blueprint=blp,
    package=__name__,
)
