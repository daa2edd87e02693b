"""p46 realtime-counter: one counter, pushed live to every subscriber, on every worker.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
