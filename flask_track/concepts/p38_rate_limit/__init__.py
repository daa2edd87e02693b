"""p38 rate-limit: 5 requests a minute per client, atomic, with the IETF RateLimit fields."""
