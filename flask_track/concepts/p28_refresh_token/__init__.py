"""p28 refresh-token: rotate refresh tokens and catch a stolen one when it is replayed.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
