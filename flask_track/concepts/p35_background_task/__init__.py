"""p35 background-task: slow work handed to a persisted job queue and a separate worker.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
