"""p40 soft-delete: delete by marking a row, hide what is marked, restore it.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
