"""p50 deploy-smoke: after a deploy, prove the live instance works, end to end, in seconds.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
