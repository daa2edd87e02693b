"""The mock OpenID provider at /p41/provider: Authlib's authorization server over our tables.

Authorization code grant + OpenID Connect (`OpenIDCode`) + PKCE (`CodeChallenge`, S256 only and
required for every client). Authlib does the protocol: request validation, redirect_uri
exactness, client authentication, PKCE arithmetic, id token signing (RS256, joserfc). This
module only stores things (codes, tokens, clients, the key) and says who the user is: anyone
who names an email (`login_hint`), always `email_verified` (a mock: there is no password).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc6749.errors import OAuth2Error as OAuth2Error  # routes.py catches it
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo, UserInfoEndpoint
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, current_app, request
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy.exc import IntegrityError

from flask_track.concepts.p41_oauth_login.models import (
    AuthorizationCode,
    OAuthClient,
    ProviderToken,
    SigningKey,
)
from flask_track.core.types import utcnow
from flask_track.extensions import db

PREFIX = "/p41/provider"
CODE_TTL = timedelta(seconds=60)  # RFC 6749 §4.1.2: short-lived; 10 minutes at most
ID_TOKEN_TTL_S = 300
SCOPES = ["openid", "email", "profile"]
# A public client (no secret, PKCE alone) registered for demonstrations and the contract suite,
# playing a native app with an RFC 8252 loopback redirect.
PUBLIC_CLIENT_ID = "p41-public-demo"
PUBLIC_REDIRECT_URI = "http://127.0.0.1/p41-demo-callback"
EXTENSION = "flask_track.p41.server"
# Token endpoint authentication methods (RFC 7591 names; not secrets).
AUTH_BASIC = "client_secret_basic"
AUTH_POST = "client_secret_post"
AUTH_NONE = "none"


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def issuer() -> str:
    """This provider's issuer: its own URL at the origin the request came to."""
    return request.host_url.rstrip("/") + PREFIX


def client_secret() -> str:
    """OAUTH_CLIENT_SECRET, or a secret derived from SECRET_KEY (the same in every worker)."""
    configured = current_app.config.get("OAUTH_CLIENT_SECRET")
    if configured:
        return str(configured)
    key = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(key, b"p41-oauth-client-secret", hashlib.sha256).hexdigest()


def own_callback_uri() -> str:
    """The app's callback at the origin of this request (always registered, see NOTES.md)."""
    return request.host_url.rstrip("/") + "/p41/callback"


# ---------------------------------------------------------------- the mock user


@dataclass(frozen=True)
class MockUser:
    """A provider account: an email. Its `sub` is stable and opaque (a hash of the email)."""

    email: str

    @property
    def sub(self) -> str:
        return "mock-" + sha256_hex(self.email)[:32]

    def get_user_id(self) -> str:
        return self.sub


def user_claims(user: MockUser, scope: str) -> UserInfo:
    """The claims of this user that the scope asks for (id token and userinfo)."""
    claims = UserInfo(sub=user.sub)
    if "email" in (scope or "").split():
        claims["email"] = user.email
        claims["email_verified"] = True
    return claims


# ---------------------------------------------------------------- the signing key

_key_lock = threading.Lock()
_key_cache: dict[str, RSAKey] = {}


def _with_kid(pem: str) -> RSAKey:
    bare = RSAKey.import_key(pem)
    # RFC 7638 thumbprint as kid: the same key gets the same kid in every worker.
    return RSAKey.import_key(pem, {"kid": bare.thumbprint(), "use": "sig", "alg": "RS256"})


def _stored_key_pem() -> str:
    row = db.session.get(SigningKey, 1)
    if row is not None:
        return str(row.private_pem)
    fresh = RSAKey.generate_key(2048, private=True)
    pem = fresh.as_pem(private=True).decode("ascii")
    db.session.add(SigningKey(id=1, kid=_with_kid(pem).kid, private_pem=pem))
    try:
        db.session.commit()
        return pem
    except IntegrityError:
        # Another worker stored its key first: every worker must sign with that one.
        db.session.rollback()
        stored = db.session.get(SigningKey, 1)
        if stored is None:  # the winner's row vanished: nothing sane to sign with
            raise
        return str(stored.private_pem)


def signing_key() -> RSAKey:
    """The RSA private key (OAUTH_SIGNING_KEY, else the one stored in the database)."""
    configured = current_app.config.get("OAUTH_SIGNING_KEY")
    cache_key = "config" if configured else "db:" + str(db.engine.url)
    key = _key_cache.get(cache_key)
    if key is None:
        with _key_lock:
            key = _key_cache.get(cache_key)
            if key is None:
                key = _with_kid(str(configured) if configured else _stored_key_pem())
                _key_cache[cache_key] = key
    return key


def jwks() -> dict[str, Any]:
    """The public half of the key, as a JWK Set (no private members)."""
    return dict(KeySet([signing_key()]).as_dict(private=False))


# ---------------------------------------------------------------- clients


class Client:
    """Authlib's ClientMixin over an OAuthClient row."""

    def __init__(self, row: OAuthClient) -> None:
        self.row = row
        self.client_id = row.client_id
        self.client_metadata: dict[str, Any] = {}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None  # redirect_uri is required: nothing is guessed

    def get_allowed_scope(self, scope: str) -> str:
        return " ".join(s for s in (scope or "").split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        # Exact string comparison (RFC 9700 §4.1.3): no prefix, no normalization.
        if redirect_uri in self.row.redirect_uris:
            return True
        return self.row.secret_hash is not None and redirect_uri == own_callback_uri()

    def check_client_secret(self, secret: str) -> bool:
        if self.row.secret_hash is None:
            return False
        return hmac.compare_digest(self.row.secret_hash, sha256_hex(secret))

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if endpoint != "token":
            return True
        if self.row.token_endpoint_auth_method == AUTH_NONE:
            return method == AUTH_NONE
        return method in (AUTH_BASIC, AUTH_POST)

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


def _registrations() -> list[OAuthClient]:
    redirects = list(current_app.config.get("OAUTH_REDIRECT_URIS") or [])
    redirects.append(current_app.config["PUBLIC_URL"] + "/p41/callback")
    return [
        OAuthClient(
            client_id=current_app.config["OAUTH_CLIENT_ID"],
            secret_hash=sha256_hex(client_secret()),
            token_endpoint_auth_method=AUTH_BASIC,
            redirect_uris=redirects,
        ),
        OAuthClient(
            client_id=PUBLIC_CLIENT_ID,
            secret_hash=None,
            token_endpoint_auth_method=AUTH_NONE,
            redirect_uris=[PUBLIC_REDIRECT_URI],
        ),
    ]


def register_clients() -> None:
    """Make the client rows match the configuration (idempotent; safe with several workers)."""
    for wanted in _registrations():
        row = db.session.get(OAuthClient, wanted.client_id)
        if row is None:
            db.session.add(wanted)
        elif (row.secret_hash, row.redirect_uris, row.token_endpoint_auth_method) != (
            wanted.secret_hash,
            wanted.redirect_uris,
            wanted.token_endpoint_auth_method,
        ):
            row.secret_hash = wanted.secret_hash
            row.redirect_uris = wanted.redirect_uris
            row.token_endpoint_auth_method = wanted.token_endpoint_auth_method
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # another worker inserted the same row: it is there now


_registered: set[str] = set()


def query_client(client_id: str) -> Client | None:
    """The registered client with this id (rows written on first use in each process)."""
    marker = str(db.engine.url)
    if marker not in _registered:
        register_clients()
        _registered.add(marker)
    if not isinstance(client_id, str) or len(client_id) > 64:
        return None
    row = db.session.get(OAuthClient, client_id)
    return Client(row) if row is not None else None


def save_token(token: dict[str, Any], oauth_request: Any) -> None:
    """Store the provider access token (hashed) for the userinfo endpoint."""
    now = int(time.time())
    db.session.execute(
        sa.delete(ProviderToken).where(ProviderToken.issued_at + ProviderToken.expires_in < now)
    )
    db.session.add(
        ProviderToken(
            token_hash=sha256_hex(token["access_token"]),
            client_id=oauth_request.client.client_id,
            email=oauth_request.user.email,
            scope=token.get("scope", ""),
            issued_at=now,
            expires_in=int(token.get("expires_in", 3600)),
        )
    )
    db.session.commit()


# ---------------------------------------------------------------- grant and extensions


class CodeGrant(grants.AuthorizationCodeGrant):
    """The authorization code grant, with codes in the database, each usable once."""

    TOKEN_ENDPOINT_AUTH_METHODS = [AUTH_BASIC, AUTH_POST, AUTH_NONE]

    def save_authorization_code(self, code: str, oauth_request: Any) -> None:
        data = oauth_request.payload.data
        now = utcnow()
        # Housekeeping on the way: codes that can no longer be redeemed.
        db.session.execute(
            sa.delete(AuthorizationCode).where(AuthorizationCode.expires_at < now - CODE_TTL)
        )
        db.session.add(
            AuthorizationCode(
                code_hash=sha256_hex(code),
                client_id=oauth_request.client.client_id,
                redirect_uri=oauth_request.payload.redirect_uri,
                scope=oauth_request.payload.scope or "",
                email=oauth_request.user.email,
                nonce=data.get("nonce"),
                code_challenge=data["code_challenge"],
                code_challenge_method=data["code_challenge_method"],
                auth_time=int(time.time()),
                expires_at=now + CODE_TTL,
            )
        )
        db.session.commit()

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        """Claim the code in ONE statement: of two concurrent redemptions exactly one wins.

        The claim comes before Authlib checks redirect_uri and PKCE, so a failed attempt
        burns the code too (a code is redeemable once, whatever the outcome).
        """
        if not isinstance(code, str) or len(code) > 512:
            return None
        code_hash = sha256_hex(code)
        now = utcnow()
        claimed = db.session.execute(
            sa.update(AuthorizationCode)
            .where(
                AuthorizationCode.code_hash == code_hash,
                AuthorizationCode.client_id == client.client_id,
                AuthorizationCode.used_at.is_(None),
                AuthorizationCode.expires_at > now,
            )
            .values(used_at=now)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult
            db.session.rollback()
            return None
        db.session.commit()
        return db.session.get(AuthorizationCode, code_hash)

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        pass  # already spent by query_authorization_code (used_at); purged once expired

    def authenticate_user(self, authorization_code: AuthorizationCode) -> MockUser:
        return MockUser(authorization_code.email)


class S256Required(CodeChallenge):
    """PKCE for every client (confidential ones too, RFC 9700 §2.1.1), S256 only."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE (S256) is required.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)


class OpenID(OpenIDCode):
    """OpenID Connect on the code grant: RS256 id tokens signed with the shared key."""

    def exists_nonce(self, nonce: str, oauth_request: Any) -> bool:
        # A nonce seen before (for this client) is a replay: Authlib refuses the request.
        found = db.session.scalar(
            sa.select(AuthorizationCode.code_hash).where(
                AuthorizationCode.client_id == oauth_request.payload.client_id,
                AuthorizationCode.nonce == nonce,
            )
        )
        return found is not None

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return signing_key()

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": signing_key().kid or "", "typ": "JWT"}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        now = int(time.time())
        return {"iss": issuer(), "aud": [client.client_id], "iat": now, "exp": now + ID_TOKEN_TTL_S}

    def generate_user_info(self, user: MockUser, scope: str) -> UserInfo:
        return user_claims(user, scope)


class TokenRow:
    """Authlib's TokenMixin over a ProviderToken row (for the userinfo endpoint)."""

    def __init__(self, row: ProviderToken) -> None:
        self.row = row
        self.scope = row.scope

    def check_client(self, client: Client) -> bool:
        return bool(client.client_id == self.row.client_id)

    def get_scope(self) -> str:
        return self.row.scope

    def get_expires_in(self) -> int:
        return self.row.expires_in

    def is_expired(self) -> bool:
        return self.row.issued_at + self.row.expires_in < time.time()

    def is_revoked(self) -> bool:
        return False

    def get_user(self) -> MockUser:
        return MockUser(self.row.email)

    def get_client(self) -> Client | None:
        return query_client(self.row.client_id)


class ProviderBearer(BearerTokenValidator):
    """Provider access tokens, looked up by their hash."""

    def authenticate_token(self, token_string: str) -> TokenRow | None:
        if not token_string or len(token_string) > 512:
            return None
        row = db.session.get(ProviderToken, sha256_hex(token_string))
        return TokenRow(row) if row is not None else None


class UserInfoAtProvider(UserInfoEndpoint):
    """GET /p41/provider/userinfo: the claims of the token's user."""

    def get_issuer(self) -> str:
        return issuer()

    def generate_user_info(self, user: MockUser, scope: str) -> UserInfo:
        return user_claims(user, scope)

    def resolve_private_key(self) -> RSAKey:
        return signing_key()


def init_server(app: Flask) -> AuthorizationServer:
    """The app's authorization server (Authlib's Flask integration), made once per app."""
    # Provider access tokens live an hour (Authlib's default for this grant is 10 days).
    app.config.setdefault("OAUTH2_TOKEN_EXPIRES_IN", {"authorization_code": 3600})
    server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
    server.register_grant(CodeGrant, [S256Required(required=True), OpenID(require_nonce=False)])
    protector = ResourceProtector()
    protector.register_token_validator(ProviderBearer())
    server.register_endpoint(UserInfoAtProvider(resource_protector=protector))
    return server


T = TypeVar("T")
_made_lock = threading.Lock()


def made_once(key: str, make: Callable[[Flask], T]) -> T:
    """The current app's `extensions[key]`, made by `make(app)` on its first use.

    p41's modules are imported by its first request (routes.py), so its Authlib objects are
    made then too, once per app whatever the threads, not at start.
    """
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    if key not in app.extensions:
        with _made_lock:
            if key not in app.extensions:
                app.extensions[key] = make(app)
    found: T = app.extensions[key]
    return found


def server() -> AuthorizationServer:
    """This app's authorization server."""
    return made_once(EXTENSION, init_server)


def discovery() -> dict[str, Any]:
    """The OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3) at this origin."""
    base = issuer()
    return {
        "issuer": base,
        "authorization_endpoint": base + "/authorize",
        "token_endpoint": base + "/token",
        "userinfo_endpoint": base + "/userinfo",
        "jwks_uri": base + "/jwks",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": SCOPES,
        "claims_supported": ["sub", "email", "email_verified", "iss", "aud", "exp", "iat"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "none",
        ],
    }
