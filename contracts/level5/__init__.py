"""Level 5 contracts: third-party & production (p41-p50)."""
