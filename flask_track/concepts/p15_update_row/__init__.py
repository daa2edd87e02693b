"""p15 update-row: PUT and PATCH with raw SQL, and If-Match so no update is silently lost."""

from flask_track.concepts.p15_update_row.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p15",
    slug="update-row",
    title="Update row",
    level=2,
    blueprint=blp,
    package=__name__,
)
