"""p06 status-codes: which status a response carries, and what each one promises the client."""

from flask_track.concepts.p06_status_codes.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p06",
    slug="status-codes",
    title="Status codes",
    level=1,
    blueprint=blp,
    package=__name__,
)
