"""p04 query-params: filtering and sorting a collection with typed, validated query strings.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
