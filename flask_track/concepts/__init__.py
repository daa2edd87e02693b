"""One package per concept, registered in ladder order from this one list."""

LADDER: tuple[str, ...] = (
    # Level 1: request / response
    "p01_health_check",
)
