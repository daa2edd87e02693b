"""p03 json-body: reading a JSON request body strictly, whatever JSON value it holds.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
