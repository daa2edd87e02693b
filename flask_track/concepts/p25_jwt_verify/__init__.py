"""p25 jwt-verify: what a server checks before it believes a token.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
