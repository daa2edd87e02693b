"""p10 api-docs: an OpenAPI document that matches the routes the app really serves.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
