"""The ladder: which concepts this app serves, in order, and what each one is."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from flask_track.core.openapi import Blueprint


@dataclass(frozen=True)
class Concept:
    """One rung: its id (`p07`), slug, title, level and the blueprint that serves it."""

    id: str
    slug: str
    title: str
    level: int
    blueprint: Blueprint
    package: str

    @property
    def url_prefix(self) -> str:
        return f"/{self.id}"

    @property
    def folder(self) -> Path:
        module = importlib.import_module(self.package)
        return Path(module.__file__ or "").parent

    def as_dict(self) -> dict[str, str | int]:
        return {"id": self.id, "slug": self.slug, "title": self.title, "level": self.level}


def load_ladder(packages: list[str] | tuple[str, ...]) -> list[Concept]:
    """Import each concept package (in ladder order) and collect its CONCEPT."""
    concepts = []
    for name in packages:
        module = importlib.import_module(f"flask_track.concepts.{name}")
        concepts.append(module.CONCEPT)
    return concepts


def served_concepts(app: Flask | None = None) -> list[Concept]:
    """The concepts registered on this app."""
    return (app or current_app).extensions["ladder"]
