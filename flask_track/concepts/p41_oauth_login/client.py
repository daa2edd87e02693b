"""The login side of p41: Authlib's Flask client, the provider it talks to, account linking.

The client talks to the provider over HTTP exactly as it would talk to Google: discovery,
then the browser redirect to `authorization_endpoint`, then the code exchange at
`token_endpoint` and the id token checked against `jwks_uri` (signature, iss, aud, exp,
nonce), all by Authlib. Only which provider, and what to do with the verified identity, are ours.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

# MismatchingStateError, OAuthError, JoseError, RequestException: what routes.py catches from a
# login, as client.X, so routes.py itself imports none of Authlib's stack at start.
from authlib.integrations.base_client.errors import MismatchingStateError as MismatchingStateError
from authlib.integrations.base_client.errors import OAuthError as OAuthError
from authlib.integrations.flask_client import FlaskOAuth2App, OAuth
from flask import Flask, current_app, request
from joserfc.errors import JoseError as JoseError
from requests import RequestException as RequestException
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p41_oauth_login.models import LinkedAccount, LoginHandoff
from flask_track.concepts.p41_oauth_login.provider import PREFIX, client_secret, made_once
from flask_track.core.problems import ProblemError
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.passwords import unusable_password
from flask_track.shared.users import User, normalize_email

EXTENSION = "flask_track.p41.oauth"
HANDOFF_TTL = timedelta(seconds=60)
LOOPBACK_NAMES = {"localhost"}


def init_client(app: Flask) -> dict[str, Any]:
    """Authlib's client registry for this app, and the callback slots (see `callback_slot`)."""
    return {
        "oauth": OAuth(app),
        "lock": threading.Lock(),
        "slots": threading.BoundedSemaphore(max(1, int(app.config["OAUTH_CALLBACK_CONCURRENCY"]))),
    }


def _state() -> dict[str, Any]:
    """The client registry and slots of this app."""
    return made_once(EXTENSION, init_client)


# ---------------------------------------------------------------- which provider


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def own_origin_is_ours() -> bool:
    """May the server call the request's own origin? Only when it is this server's socket.

    The Host header is the client's to choose: calling whatever it names would let anyone make
    this server fetch any URL (SSRF). Allowed: PUBLIC_URL's origin, or a loopback name (or the
    name the server is bound to) at the port the server actually listens on (SERVER_PORT is
    the bound socket's port under gunicorn, not taken from the Host header).
    """
    origin = request.host_url.rstrip("/")
    if origin == current_app.config["PUBLIC_URL"]:
        return True
    parts = urlsplit(origin)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return False
    host = parts.hostname or ""
    if current_app.config.get("APP_ENV") == "development" and _is_loopback(host):
        # `npm run dev`: the page is on Vite's port, which proxies /p41 here. A laptop's own
        # loopback is not worth guarding in development; testing and production stay strict.
        return True
    bound_name = str(request.environ.get("SERVER_NAME", ""))
    same_port = str(port) == str(request.environ.get("SERVER_PORT", ""))
    return same_port and (_is_loopback(host) or host == bound_name)


def provider_base() -> str:
    """OAUTH_PROVIDER_URL, or this app's own provider at the request's own origin (CATALOG §0)."""
    configured = current_app.config.get("OAUTH_PROVIDER_URL")
    if configured:
        return str(configured)
    if not own_origin_is_ours():
        raise ProblemError(
            503,
            "dependency-unavailable",
            "The built-in provider is only reached at this server's own address; set "
            "OAUTH_PROVIDER_URL (or PUBLIC_URL) to use it through another origin.",
        )
    return request.host_url.rstrip("/") + PREFIX


def oauth_client(base: str) -> FlaskOAuth2App:
    """Authlib's client for the provider at `base` (registered once per process and base)."""
    state = _state()
    oauth: OAuth = state["oauth"]
    name = "p41_" + hashlib.sha256(base.encode("utf-8")).hexdigest()[:16]
    with state["lock"]:
        client = oauth.create_client(name)
        if client is None:
            config = current_app.config
            client = oauth.register(
                name,
                client_id=config["OAUTH_CLIENT_ID"],
                client_secret=client_secret(),
                server_metadata_url=base + "/.well-known/openid-configuration",
                client_kwargs={
                    "scope": "openid email",
                    "code_challenge_method": "S256",  # Authlib makes the verifier and challenge
                    "default_timeout": float(config["OAUTH_HTTP_TIMEOUT_S"]),
                },
            )
    return client


@contextmanager
def callback_slot() -> Iterator[None]:
    """One of OAUTH_CALLBACK_CONCURRENCY places, waited for OAUTH_CALLBACK_WAIT_S at most.

    A callback holds a server thread while it waits for the provider; when the provider is
    this same server, callbacks filling every thread would leave none to answer it (each
    waits for a token response that can never come). Waiting for a slot holds a thread too,
    so the wait is short: a callback that gets no slot answers 503 with Retry-After, before
    the state is spent (the same callback URL can simply be retried), and its thread is free
    again for the provider's own requests.
    """
    slots: threading.BoundedSemaphore = _state()["slots"]
    if not slots.acquire(timeout=float(current_app.config["OAUTH_CALLBACK_WAIT_S"])):
        raise ProblemError(
            503,
            "dependency-unavailable",
            "Too many logins are talking to the provider right now; retry in a second.",
            headers={"Retry-After": "1"},
        )
    try:
        yield
    finally:
        slots.release()


# ---------------------------------------------------------------- the verified identity


def login_failed(detail: str) -> ProblemError:
    """400: the provider's answer could not log anyone in (state, code, id token, error)."""
    return ProblemError(400, "oauth-login-failed", detail)


def link_or_create(issuer: str, subject: str, email: Any, verified: Any) -> tuple[User, bool]:
    """The user of this provider identity: linked before, linked now by email, or created.

    Linking by email only happens for an email the provider says it verified: otherwise
    anyone could claim an existing account by typing its address at some provider.
    Concurrent first logins of one identity race on two unique constraints (users.email,
    issuer+subject); a loser rolls back and finds the winner's rows on its next pass.
    """
    for _attempt in range(5):
        linked = db.session.scalar(
            sa.select(LinkedAccount).where(
                LinkedAccount.issuer == issuer, LinkedAccount.subject == subject
            )
        )
        if linked is not None:
            user = db.session.get(User, linked.user_id)
            if user is not None:
                return user, False
        if not isinstance(email, str) or not email or verified is not True:
            raise login_failed("The provider did not vouch for a verified email address.")
        address = normalize_email(email)
        if len(address) > 254:
            raise login_failed("The provider's email address is too long.")
        try:
            user = db.session.scalar(sa.select(User).where(User.email == address))
            created = user is None
            if user is None:
                user = User(email=address, password_hash=unusable_password())
                db.session.add(user)
                db.session.flush()
            db.session.add(
                LinkedAccount(issuer=issuer, subject=subject, user_id=user.id, email=address)
            )
            db.session.commit()
            return user, created
        except IntegrityError:
            db.session.rollback()
    raise ProblemError(409, "conflict", "This identity is being linked concurrently; retry.")


# ---------------------------------------------------------------- the browser handoff


def create_handoff(user: User, created: bool) -> str:
    """A one-time code (60 s) the page redeems for its tokens; only its hash is stored."""
    code = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.execute(sa.delete(LoginHandoff).where(LoginHandoff.expires_at < now))
    db.session.add(
        LoginHandoff(
            code_hash=hashlib.sha256(code.encode()).hexdigest(),
            user_id=user.id,
            created=created,
            expires_at=now + HANDOFF_TTL,
        )
    )
    db.session.commit()
    return code


def redeem_handoff(code: str) -> tuple[User, bool] | None:
    """The handoff's user and `created`, once: a DELETE that exactly one redeemer wins."""
    code_hash = hashlib.sha256(code.encode()).hexdigest()
    row = db.session.get(LoginHandoff, code_hash)
    if row is None or row.expires_at < utcnow():
        return None
    user_id, created = row.user_id, row.created
    deleted = db.session.execute(sa.delete(LoginHandoff).where(LoginHandoff.code_hash == code_hash))
    if deleted.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
        db.session.rollback()
        return None
    db.session.commit()
    user = db.session.get(User, user_id)
    return (user, created) if user is not None else None
