"""p44 api-versioning: version an API in its path, and retire the old version out loud.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
