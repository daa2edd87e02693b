"""p30 roles: admin-only routes, with the role read from the database on every request.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
