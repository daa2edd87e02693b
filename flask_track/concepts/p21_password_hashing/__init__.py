"""p21 password-hashing: argon2id, a fresh salt each time, and knowing when to rehash."""

from flask_track.concepts.p21_password_hashing.routes import blp
from flask_track.core.ladder import Concept

CONCEPT = Concept(
    id="p21",
    slug="password-hashing",
    title="Password hashing",
    level=3,
    blueprint=blp,
    package=__name__,
)
