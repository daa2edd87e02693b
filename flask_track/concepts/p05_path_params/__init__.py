"""p05 path-params: naming one resource (and one of its children) inside the URL.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
