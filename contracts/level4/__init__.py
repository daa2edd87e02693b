"""Level 4 contracts: real backend features (p31-p40)."""
