"""p43 config-envs: development, testing and production configurations, and what each changes.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
