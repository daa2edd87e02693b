"""p34 password-reset: a single-use, hashed, expiring token sent by email.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
