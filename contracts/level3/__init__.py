"""Level 3 contracts: auth (p21-p30)."""
