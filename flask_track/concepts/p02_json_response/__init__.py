"""p02 json-response: turning Python data into a JSON response, non-ASCII text included.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
