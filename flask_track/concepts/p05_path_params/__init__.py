"""p05 path-params: naming one resource (and one of its children) inside the URL."""

from flask_track.concepts.p05_path_params.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p05",
    slug="path-params",
    title="Path parameters",
    level=1,
    blueprint=blp,
    package=__name__,
)
