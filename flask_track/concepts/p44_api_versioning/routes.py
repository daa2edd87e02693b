"""GET /p44/v1/users/{id} (deprecated) and GET /p44/v2/users/{id}: two versions, one resource."""

from __future__ import annotations

from email.utils import format_datetime

from flask import url_for

from flask_track.concepts.p44_api_versioning.data import DEPRECATED_AT, PEOPLE, SUNSET_AT, Person
from flask_track.concepts.p44_api_versioning.schemas import UserV1Out, UserV2Out
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError

blp = Blueprint("p44", __name__)

# The headers are documented on v1 only: v2 is current and carries none of them.
DEPRECATION_DOC = {
    "Deprecation": {
        "schema": {"type": "string", "example": "@1767225600"},
        "description": "RFC 9745: when v1 was deprecated (a structured-field date).",
    },
    "Sunset": {
        "schema": {"type": "string"},
        "description": "RFC 8594: when v1 stops answering (an HTTP-date, not before Deprecation).",
    },
    "Link": {
        "schema": {"type": "string"},
        "description": 'The same user in v2: <...>; rel="successor-version".',
    },
}


def find_person(user_id: int, headers: dict[str, str] | None = None) -> Person:
    """The person, or the 404 problem (with the version's headers, if it has any)."""
    person = PEOPLE.get(user_id)
    if person is None:
        raise ProblemError(404, "not-found", f"There is no user {user_id}.", headers=headers)
    return person


def deprecation_headers() -> dict[str, str]:
    """What tells a v1 client that v1 is going and when (on every v1 answer, 404s too)."""
    return {
        "Deprecation": f"@{int(DEPRECATED_AT.timestamp())}",
        "Sunset": format_datetime(SUNSET_AT, usegmt=True),
    }


@blp.route("/v1/users/<id:user_id>")
@blp.response(200, UserV1Out, headers=DEPRECATION_DOC)
def get_user_v1(user_id: int) -> tuple[Person, int, dict[str, str]]:
    """Version 1 (deprecated): `{"id","name"}` with Deprecation, Sunset and a successor Link."""
    headers = deprecation_headers()
    person = find_person(user_id, headers)
    # Path-absolute, like Location elsewhere: the client resolves it against the URL it used.
    successor = url_for("p44.get_user_v2", user_id=user_id)
    return person, 200, {**headers, "Link": f'<{successor}>; rel="successor-version"'}


@blp.route("/v2/users/<id:user_id>")
@blp.response(200, UserV2Out)
def get_user_v2(user_id: int) -> Person:
    """Version 2 (current): `{"id","first_name","last_name"}`, no deprecation headers."""
    return find_person(user_id)
