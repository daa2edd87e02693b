"""The fixed people p44 serves, and the dates that retire version 1. Read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Person:
    """One user as the storage knows it: v1 shows `name`, v2 its two parts."""

    id: int
    first_name: str
    last_name: str

    @property
    def name(self) -> str:
        """Version 1's single field, derived so both versions always agree."""
        return f"{self.first_name} {self.last_name}"


PEOPLE: dict[int, Person] = {
    person.id: person
    for person in (
        Person(1, "Ada", "Lovelace"),
        Person(2, "Alan", "Turing"),
        Person(3, "Grace", "Hopper"),
        Person(4, "Émilie", "du Châtelet"),
    )
}

# v1 has been deprecated since this moment (RFC 9745) and stops answering at the sunset
# (RFC 8594); the sunset must never be earlier than the deprecation.
DEPRECATED_AT = datetime(2026, 1, 1, tzinfo=UTC)
SUNSET_AT = datetime(2027, 7, 1, tzinfo=UTC)
