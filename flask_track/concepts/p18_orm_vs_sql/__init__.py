"""p18 orm-vs-sql: one aggregate through ORM expressions and through hand-written SQL.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
