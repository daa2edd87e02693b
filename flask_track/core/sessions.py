"""Flask's signed-cookie sessions, without their per-request cost on requests with no cookie.

The API keeps no state in cookies (tokens travel in headers), yet Flask opens a session for
every request, and its default interface builds a new itsdangerous serializer each time to do
so (~5 % of a JSON route's CPU). This interface answers an empty session straight away when
the request has no session cookie and builds the serializer once per secret key otherwise;
what a session holds and how it is signed are Flask's own.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


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
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)
