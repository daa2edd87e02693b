"""p48 compose: the whole stack as one file, started in order, and a report of its health.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
