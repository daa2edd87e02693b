"""DISABLED_CONCEPTS: serve the ladder without some concepts (for `contracts.compare`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask_track.config import ConfigError


def without_disabled(ids: Sequence[str], disabled: Iterable[str]) -> list[str]:
    """The concept ids (`p07`, in ladder order) minus the disabled ones; unknown ids refused."""
    wanted = {item.strip().lower() for item in disabled if item.strip()}
    unknown = sorted(wanted - set(ids))
    if unknown:
        raise ConfigError(
            f"DISABLED_CONCEPTS names concepts this app does not have: {', '.join(unknown)} "
            f"(known ids: {', '.join(ids)})."
        )
    return [concept_id for concept_id in ids if concept_id not in wanted]
