"""p11 db-connection: where the database is, how the app reaches it, and proof that it answers.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
