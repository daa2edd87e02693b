"""p19 one-to-many: posts and comments, cascading deletes, and lists without N+1 queries.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
