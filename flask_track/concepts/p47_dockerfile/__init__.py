"""p47 dockerfile: one image that runs the production server command, small and unprivileged.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
