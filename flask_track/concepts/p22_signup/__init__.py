"""p22 signup: create an account without mass assignment, duplicates or weak passwords."""

from flask_track.concepts.p22_signup.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p22",
    slug="signup",
    title="Signup",
    level=3,
    blueprint=blp,
    package=__name__,
)
