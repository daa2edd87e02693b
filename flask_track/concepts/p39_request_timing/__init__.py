"""p39 request-timing: Server-Timing on the wire, and per-route percentiles kept in memory.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
