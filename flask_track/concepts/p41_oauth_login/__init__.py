"""p41 oauth-login: log in through an OpenID Connect provider (code + PKCE S256, state, nonce).

Its identity (id, slug, title, level) is its row in ladder.toml; its views are routes.blp.
"""
