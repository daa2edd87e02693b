"""p08 error-handler: one place turns every exception into a problem, and nothing leaks.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
