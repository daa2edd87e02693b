"""p45 websocket-hello: one long-lived, two-way connection, and a tiny protocol over it.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
