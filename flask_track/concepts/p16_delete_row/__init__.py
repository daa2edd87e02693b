"""p16 delete-row: DELETE with a bound id, 204 then 404, optionally guarded by If-Match."""

from flask_track.concepts.p16_delete_row.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p16",
    slug="delete-row",
    title="Delete row",
    level=2,
    blueprint=blp,
    package=__name__,
)
