"""p23 login: check credentials without telling which part was wrong, and throttle guessing.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
