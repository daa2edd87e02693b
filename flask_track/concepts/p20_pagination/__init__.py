"""p20 pagination: offset pages vs keyset pages with signed cursors, over 1,000+ seeded rows."""

from flask_track.concepts.p20_pagination.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p20",
    slug="pagination",
    title="Pagination",
    level=2,
    blueprint=blp,
    package=__name__,
)
