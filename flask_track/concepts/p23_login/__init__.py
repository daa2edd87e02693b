"""p23 login: check credentials without telling which part was wrong, and throttle guessing."""

from flask_track.concepts.p23_login.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p23",
    slug="login",
    title="Login",
    level=3,
    blueprint=blp,
    package=__name__,
)
