"""p30 roles: admin-only routes, with the role read from the database on every request."""

from flask_track.concepts.p30_roles.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p30",
    slug="roles",
    title="Roles",
    level=3,
    blueprint=blp,
    package=__name__,
)
