"""The ladder: which concepts this app serves, in order, and what each one is.

Every concept's identity (id, slug, title, level, summary) is written once, in the repository's
`ladder.toml`, which the contract suite and the client build read too. The app serves the rows
that are not `planned`; create_app imports their packages (`flask_track/__init__.py`).
"""

from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Flask, current_app

from flask_track.core.openapi import Blueprint

# The repository root's ladder.toml (the package is installed editable, or run from a clone).
LADDER_FILE = Path(__file__).resolve().parents[2] / "ladder.toml"


@dataclass(frozen=True)
class Rung:
    """One row of ladder.toml."""

    id: str
    slug: str
    title: str
    level: int
    summary: str
    planned: bool = False

    @property
    def package(self) -> str:
        """The concept's package name: `p07_validation` for id p07, slug validation."""
        return f"{self.id}_{self.slug.replace('-', '_')}"


@cache
def read_ladder(path: Path = LADDER_FILE) -> tuple[Rung, ...]:
    """Every row of the ladder file, in ladder order (read once per process)."""
    with path.open("rb") as file:
        rows = tomllib.load(file)["concept"]
    return tuple(Rung(**row) for row in rows)


@dataclass(frozen=True)
class Concept:
    """One served rung: its row of the ladder and the blueprint that serves it."""

    rung: Rung
    blueprint: Blueprint
    package: str

    @property
    def id(self) -> str:
        return self.rung.id

    @property
    def slug(self) -> str:
        return self.rung.slug

    @property
    def title(self) -> str:
        return self.rung.title

    @property
    def level(self) -> int:
        return self.rung.level

    @property
    def url_prefix(self) -> str:
        return f"/{self.id}"

    @property
    def folder(self) -> Path:
        module = importlib.import_module(self.package)
        return Path(module.__file__ or "").parent

    def as_dict(self) -> dict[str, str | int]:
        return {"id": self.id, "slug": self.slug, "title": self.title, "level": self.level}


def served_concepts(app: Flask | None = None) -> list[Concept]:
    """The concepts registered on this app."""
    concepts: list[Concept] = (app or current_app).extensions["ladder"]
    return concepts
