"""p33 email: send email through an outbox and a worker, so nothing is lost while SMTP is down.

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
