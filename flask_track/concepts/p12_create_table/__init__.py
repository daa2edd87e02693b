"""p12 create-table: the `notes` table, created by hand-written DDL in an explicit setup step.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
