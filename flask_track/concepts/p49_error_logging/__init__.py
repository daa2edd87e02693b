"""p49 error-logging: every unhandled error becomes one redacted record, found again by its id.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
