"""p29 logout: make stateless tokens stop working before they expire.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
