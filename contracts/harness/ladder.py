"""The 50 concepts as the catalog names them, read from the repository's ladder.toml.

The file is data, not code of any target: reading it keeps the suite framework-agnostic.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

# contracts/harness/ladder.py → the repository root, where the one ladder file lives.
LADDER_FILE = Path(__file__).resolve().parents[2] / "ladder.toml"


@dataclass(frozen=True)
class ConceptInfo:
    id: str
    slug: str
    title: str
    level: int


def load(path: Path = LADDER_FILE) -> dict[str, ConceptInfo]:
    """Every `[[concept]]` row of the ladder file, by id, in file order (planned ones included)."""
    with path.open("rb") as fh:
        rows = tomllib.load(fh)["concept"]
    return {
        row["id"]: ConceptInfo(row["id"], row["slug"], row["title"], int(row["level"]))
        for row in rows
    }


CONCEPTS: dict[str, ConceptInfo] = load()

# Cases of the app-wide conventions (CATALOG §0) are filed under this pseudo-concept.
CORE = ConceptInfo("core", "conventions", "Conventions (CATALOG §0)", level=0)
