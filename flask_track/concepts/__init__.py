"""One package per concept, named <id>_<slug>; ladder.toml lists them in order."""
