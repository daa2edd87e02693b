"""p07 validation: refuse bad input field by field, all at once, before doing anything with it.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
