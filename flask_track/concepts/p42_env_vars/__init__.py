"""p42 env-vars: one settings object read from the environment, .env and defaults, secrets masked.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
