"""p37 cache-invalidation: cached articles that no worker serves stale after a write."""
