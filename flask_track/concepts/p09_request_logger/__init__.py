"""p09 request-logger: one structured log line per request, and hooks around every handler.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
