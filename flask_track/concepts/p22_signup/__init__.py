"""p22 signup: create an account without mass assignment, duplicates or weak passwords.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
