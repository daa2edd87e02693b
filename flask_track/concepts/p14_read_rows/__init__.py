"""p14 read-rows: SELECT with bound parameters, a newest-first page, and an ETag per note.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
