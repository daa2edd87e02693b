"""p01 health-check: the smallest useful endpoint, and how a monitor asks "are you alive?".

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
