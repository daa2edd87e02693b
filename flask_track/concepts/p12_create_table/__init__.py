"""p12 create-table: the `notes` table, created by hand-written DDL in an explicit setup step."""

from flask_track.concepts.p12_create_table.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p12",
    slug="create-table",
    title="Create table",
    level=2,
    blueprint=blp,
    package=__name__,
)
