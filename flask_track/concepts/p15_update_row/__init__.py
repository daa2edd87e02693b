"""p15 update-row: PUT and PATCH with raw SQL, and If-Match so no update is silently lost.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
