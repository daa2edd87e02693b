"""p20 pagination: offset pages vs keyset pages with signed cursors, over 1,000+ seeded rows.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
