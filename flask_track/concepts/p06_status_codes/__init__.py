"""p06 status-codes: which status a response carries, and what each one promises the client.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
