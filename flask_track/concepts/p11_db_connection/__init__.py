"""p11 db-connection: where the database is, how the app reaches it, and proof that it answers."""

from flask_track.concepts.p11_db_connection.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p11",
    slug="db-connection",
    title="Database connection",
    level=2,
    blueprint=blp,
    package=__name__,
)
