"""p13 insert-row: one parameterized INSERT, and why SQL-looking text is just text."""

from flask_track.concepts.p13_insert_row.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p13",
    slug="insert-row",
    title="Insert row",
    level=2,
    blueprint=blp,
    package=__name__,
)
