"""p14 read-rows: SELECT with bound parameters, a newest-first page, and an ETag per note."""

from flask_track.concepts.p14_read_rows.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p14",
    slug="read-rows",
    title="Read rows",
    level=2,
    blueprint=blp,
    package=__name__,
)
