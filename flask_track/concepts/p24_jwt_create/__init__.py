"""p24 jwt-create: trade credentials for a signed, short-lived HS256 access token.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
