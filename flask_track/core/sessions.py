"""Flask's signed-cookie sessions, without their per-request cost on requests with no cookie.

The API keeps no state in cookies (tokens travel in headers), yet Flask opens a session for
every request, and its default interface builds a new itsdangerous serializer each time to do
so (~5 % of a JSON route's CPU). This interface answers an empty session straight away when
the request sends no cookie at all, builds the serializer once per secret key otherwise, and
skips saving a session nobody touched (Flask's save would read six cookie settings to then
do nothing); what a session holds and how it is signed are Flask's own.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin


class CookieSessionInterface(SecureCookieSessionInterface):
    """SecureCookieSessionInterface with a cached serializer and a no-cookie fast path."""

    def __init__(self) -> None:
        self._serializer: tuple[Any, Any] | None = None  # (key material, serializer)

    def get_signing_serializer(self, app: Flask) -> Any:
        """Flask's serializer, rebuilt only when the secret key (or its fallbacks) change."""
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        cached = self._serializer
        if cached is None or cached[0] != key:
            cached = (key, super().get_signing_serializer(app))
            self._serializer = cached  # a race only builds the same serializer twice
        return cached[1]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """No session cookie: an empty session, as Flask would answer, without a serializer."""
        # No Cookie header at all (every API client): not even the cookie parser runs.
        if app.secret_key and (
            "HTTP_COOKIE" not in request.environ
            or not request.cookies.get(self.get_cookie_name(app))
        ):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Flask's save, except for an empty session never read nor written: nothing to do."""
        if not session and not session.modified and not session.accessed:
            return  # Flask's own save sets no cookie and no Vary header in this case either
        super().save_session(app, session, response)
