"""p27 token-expiry: every token ends; ask for one that ends in seconds and watch it fail.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
