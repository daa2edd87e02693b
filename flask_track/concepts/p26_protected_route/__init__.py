"""p26 protected-route: routes only the token's (still existing) user may call.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
