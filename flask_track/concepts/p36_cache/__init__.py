"""p36 cache: a slow computation cached in Redis (or in process), MISS then HIT."""
