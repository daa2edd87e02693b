"""p41's tables: the mock provider's state (clients, codes, tokens, key) and the linked accounts.

Everything a second worker process must see lives here, never in process memory: a code issued
by one worker is redeemed at another, and both must sign with (and publish) the same key.
Codes, provider access tokens and handoff codes are stored as SHA-256 hex only: they are
256-bit random secrets, so a fast hash suffices and a leaked table holds nothing usable.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db


class OAuthClient(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """A client registered at the mock provider (Authlib's ClientMixin is implemented over it)."""

    __tablename__ = "p41_oauth_clients"

    client_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    # SHA-256 hex of the secret; None for a public client (no secret: PKCE alone binds it).
    secret_hash: Mapped[str | None] = mapped_column(sa.String(64))
    # "client_secret_basic" or "client_secret_post" (confidential) or "none" (public).
    token_endpoint_auth_method: Mapped[str] = mapped_column(sa.String(32))
    redirect_uris: Mapped[list[str]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuthorizationCode(db.Model):  # type: ignore[name-defined]
    """One authorization code: single use (used_at), short-lived, bound to its PKCE challenge."""

    __tablename__ = "p41_authorization_codes"

    code_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.String(64))
    redirect_uri: Mapped[str] = mapped_column(sa.String(2048))
    scope: Mapped[str] = mapped_column(sa.String(255))
    email: Mapped[str] = mapped_column(sa.String(254))
    nonce: Mapped[str | None] = mapped_column(sa.String(255))
    code_challenge: Mapped[str] = mapped_column(sa.String(128))
    code_challenge_method: Mapped[str] = mapped_column(sa.String(8))
    auth_time: Mapped[int] = mapped_column(sa.BigInteger)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Authlib's AuthorizationCodeMixin (+ the OIDC one): what the grant reads from a code.
    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


class ProviderToken(db.Model):  # type: ignore[name-defined]
    """An access token the mock provider issued (for its userinfo endpoint)."""

    __tablename__ = "p41_provider_tokens"

    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.String(64))
    email: Mapped[str] = mapped_column(sa.String(254))
    scope: Mapped[str] = mapped_column(sa.String(255))
    issued_at: Mapped[int] = mapped_column(sa.BigInteger)
    expires_in: Mapped[int] = mapped_column(sa.Integer)


class SigningKey(db.Model):  # type: ignore[name-defined]
    """The mock provider's RSA key when OAUTH_SIGNING_KEY is unset: made once, shared by all."""

    __tablename__ = "p41_signing_keys"

    # Always 1: the primary key makes "generate once" a race that exactly one insert wins.
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    kid: Mapped[str] = mapped_column(sa.String(64))
    private_pem: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LinkedAccount(db.Model):  # type: ignore[name-defined]
    """A provider identity (issuer + sub) linked to one of our users."""

    __tablename__ = "p41_linked_accounts"
    __table_args__ = (
        # One identity links to one user; a concurrent second insert fails here, not silently.
        sa.UniqueConstraint("issuer", "subject", name="uq_p41_linked_issuer_subject"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    issuer: Mapped[str] = mapped_column(sa.String(255))
    subject: Mapped[str] = mapped_column(sa.String(255))
    user_id: Mapped[int] = mapped_column(
        BigIntId,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_p41_linked_user"),
        index=True,
    )
    email: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LoginHandoff(db.Model):  # type: ignore[name-defined]
    """A finished browser login waiting for its page to collect the tokens (once, within 60 s).

    Holds no token: the pair is issued when the page redeems the handoff.
    """

    __tablename__ = "p41_login_handoffs"

    code_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigIntId,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_p41_handoff_user"),
        index=True,
    )
    created: Mapped[bool] = mapped_column(sa.Boolean)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
