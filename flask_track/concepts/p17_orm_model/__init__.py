"""p17 orm-model: a typed SQLAlchemy model, its migration, and a unique constraint as the judge.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
