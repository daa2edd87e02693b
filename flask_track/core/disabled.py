"""DISABLED_CONCEPTS: serve the ladder without some concepts (for `contracts.compare`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask_track.config import ConfigError


def without_disabled(packages: Sequence[str], disabled: Iterable[str]) -> list[str]:
    """The packages (`p07_validation`) minus the disabled ids (`p07`); unknown ids refused."""
    by_id = {name.partition("_")[0]: name for name in packages}
    wanted = {item.strip().lower() for item in disabled if item.strip()}
    unknown = sorted(wanted - by_id.keys())
    if unknown:
        raise ConfigError(
            f"DISABLED_CONCEPTS names concepts this app does not have: {', '.join(unknown)} "
            f"(known ids: {', '.join(by_id)})."
        )
    return [name for concept_id, name in by_id.items() if concept_id not in wanted]
