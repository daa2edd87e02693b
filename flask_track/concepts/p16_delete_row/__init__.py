"""p16 delete-row: DELETE with a bound id, 204 then 404, optionally guarded by If-Match.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
