"""p21 password-hashing: argon2id, a fresh salt each time, and knowing when to rehash.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
