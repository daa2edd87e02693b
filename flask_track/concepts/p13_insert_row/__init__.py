"""p13 insert-row: one parameterized INSERT, and why SQL-looking text is just text.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
