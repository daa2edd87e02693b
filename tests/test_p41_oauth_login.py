"""p41 white-box: what the HTTP contract cannot see (storage, key sharing, guards, config)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from joserfc.jwk import RSAKey

from flask_track import create_app
from flask_track.concepts.p41_oauth_login import client as login_client
from flask_track.concepts.p41_oauth_login import provider
from flask_track.concepts.p41_oauth_login.models import (
    AuthorizationCode,
    LinkedAccount,
    LoginHandoff,
    OAuthClient,
    SigningKey,
)
from flask_track.concepts.p41_oauth_login.schemas import safe_return_to
from flask_track.config import TestingConfig, config_for
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.passwords import (
    has_usable_password,
    hash_password,
    unusable_password,
    verify_password,
)
from flask_track.shared.users import User


def app_on(database: Path, **env: str) -> Flask:
    """A testing app (another "worker") on this SQLite file, migrated."""
    environ = {"APP_ENV": "testing", "DATABASE_URL": f"sqlite:///{database}", **env}
    application = create_app(TestingConfig(environ))
    with application.app_context():
        flask_migrate.upgrade()
    return application


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# ---------------------------------------------------------------- passwords


def test_an_unusable_password_never_verifies_and_is_not_an_argon2_hash(app: Flask) -> None:
    """The marker starts with "!" (no PHC string does) and no password matches it."""
    with app.app_context():
        marker = unusable_password()
        assert marker.startswith("!") and not has_usable_password(marker)
        assert marker != unusable_password(), "random per account"
        for guess in ("", marker, marker[1:], "password"):
            assert verify_password(marker, guess) is False
        assert has_usable_password(hash_password("x"))


def test_verifying_against_an_unusable_password_still_runs_argon2(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Timing: a login to an OAuth-only account spends one real verification, like a miss."""
    calls: list[str] = []
    from flask_track.shared import passwords

    monkeypatch.setattr(passwords, "dummy_verify", lambda password: calls.append(password))
    with app.app_context():
        assert verify_password(unusable_password(), "guess") is False
    assert calls == ["guess"]


# ---------------------------------------------------------------- return_to and the SSRF guard


@pytest.mark.parametrize("value", ["/", "/#/p41", "/docs?x=1", "/a/b#c"])
def test_same_origin_paths_are_safe(value: str) -> None:
    assert safe_return_to(value)


@pytest.mark.parametrize(
    "value",
    ["", "p41", "//evil.example", "/\\evil.example", "https://evil.example/", "/ x", "/\x00"],
)
def test_anything_else_is_not_a_return_to(value: str) -> None:
    assert not safe_return_to(value)


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("evil.example", False),  # the Host header names somebody else
        ("127.0.0.1:6379", False),  # a loopback port the server does not listen on
    ],
)
def test_the_own_provider_is_only_called_at_this_servers_own_address(
    app: Flask, host: str, allowed: bool
) -> None:
    """OAUTH_PROVIDER_URL unset: the request origin is called only if it is our socket."""
    with app.test_request_context("/p41/login", headers={"Host": host}):
        if allowed:
            assert login_client.provider_base() == f"http://{host}/p41/provider"
        else:
            with pytest.raises(ProblemError) as refused:
                login_client.provider_base()
            assert refused.value.status == 503


def test_development_allows_any_loopback_port(tmp_path: Path) -> None:
    """`npm run dev`: the page's origin is Vite's port (it proxies /p41 to the app)."""
    application = app_on(tmp_path / "db.sqlite", APP_ENV="development")
    with application.test_request_context("/p41/login", headers={"Host": "localhost:5173"}):
        assert login_client.provider_base() == "http://localhost:5173/p41/provider"
    with (
        application.test_request_context("/p41/login", headers={"Host": "evil.example:5173"}),
        pytest.raises(ProblemError),
    ):
        login_client.provider_base()


def test_a_configured_provider_url_is_used_as_given(tmp_path: Path) -> None:
    application = app_on(tmp_path / "db.sqlite", OAUTH_PROVIDER_URL="https://idp.example/")
    with application.test_request_context("/p41/login", headers={"Host": "evil.example"}):
        assert login_client.provider_base() == "https://idp.example"


def test_oauth_settings_come_from_the_environment() -> None:
    config = config_for({"APP_ENV": "testing", "OAUTH_PROVIDER_URL": ""})
    assert config.OAUTH_PROVIDER_URL is None and config.OAUTH_CLIENT_ID == "flask-track"
    config = config_for(
        {"APP_ENV": "testing", "OAUTH_REDIRECT_URIS": "https://a.example/cb, https://b/cb"}
    )
    assert config.OAUTH_REDIRECT_URIS == ["https://a.example/cb", "https://b/cb"]


# ---------------------------------------------------------------- shared across workers


def test_two_workers_on_one_database_sign_with_the_same_stored_key(tmp_path: Path) -> None:
    """OAUTH_SIGNING_KEY unset: the first worker stores its key; the second publishes it too."""
    first, second = app_on(tmp_path / "db.sqlite"), app_on(tmp_path / "db.sqlite")
    provider._key_cache.clear()
    with first.test_request_context("/"):
        kid = provider.signing_key().kid
        public = provider.jwks()
    provider._key_cache.clear()  # as if the second worker were another process
    with second.test_request_context("/"):
        assert provider.signing_key().kid == kid
        assert provider.jwks() == public
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SigningKey)) == 1
    assert all("d" not in key for key in public["keys"]), "no private member published"


def test_a_configured_signing_key_wins(tmp_path: Path) -> None:
    pem = RSAKey.generate_key(2048, private=True).as_pem(private=True).decode()
    application = app_on(tmp_path / "db.sqlite", OAUTH_SIGNING_KEY=pem)
    provider._key_cache.clear()
    with application.test_request_context("/"):
        assert provider.signing_key().kid == RSAKey.import_key(pem).thumbprint()
        assert db.session.get(SigningKey, 1) is None, "nothing generated or stored"
    provider._key_cache.clear()


def test_client_rows_are_written_once_with_a_hashed_secret(app: Flask) -> None:
    with app.test_request_context("/"):
        provider.register_clients()
        provider.register_clients()
        rows = db.session.scalars(sa.select(OAuthClient)).all()
        assert sorted(row.client_id for row in rows) == ["flask-track", "p41-public-demo"]
        confidential = db.session.get(OAuthClient, "flask-track")
        secret = provider.client_secret()
        assert confidential.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in str(confidential.redirect_uris)


def test_codes_are_stored_hashed_and_spent_by_their_first_redemption(app: Flask) -> None:
    """The code itself is nowhere in the table; used_at is set by the one claiming UPDATE."""
    client = app.test_client()
    verifier, challenge = pkce()
    answer = client.get(
        "/p41/provider/authorize",
        query_string={
            "response_type": "code",
            "client_id": provider.PUBLIC_CLIENT_ID,
            "redirect_uri": provider.PUBLIC_REDIRECT_URI,
            "scope": "openid email",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "login_hint": "Ada@Example.com",
        },
    )
    assert answer.status_code == 302
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    with app.app_context():
        row = db.session.scalars(sa.select(AuthorizationCode)).one()
        assert row.code_hash == hashlib.sha256(code.encode()).hexdigest() != code
        assert row.email == "ada@example.com" and row.used_at is None
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": provider.PUBLIC_REDIRECT_URI,
        "client_id": provider.PUBLIC_CLIENT_ID,
        "code_verifier": verifier,
    }
    assert client.post("/p41/provider/token", data=form).status_code == 200
    with app.app_context():
        assert db.session.scalars(sa.select(AuthorizationCode)).one().used_at is not None
    assert client.post("/p41/provider/token", data=form).status_code == 400


# ---------------------------------------------------------------- linking and the handoff


def test_linking_creates_once_then_finds_the_link(app: Flask) -> None:
    with app.app_context():
        user, created = login_client.link_or_create("https://idp", "sub-1", "A@x.io", True)
        again, created_again = login_client.link_or_create("https://idp", "sub-1", "a@x.io", True)
        assert created and not created_again and again.id == user.id
        assert not has_usable_password(user.password_hash)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LinkedAccount)) == 1


def test_an_unverified_email_links_nothing(app: Flask) -> None:
    """email_verified false (or missing): no link to the account that has that email."""
    with app.app_context():
        db.session.add(User(email="owner@x.io", password_hash=hash_password("pw")))
        db.session.commit()
        for verified in (False, None, "true"):
            with pytest.raises(ProblemError) as refused:
                login_client.link_or_create("https://idp", "attacker", "owner@x.io", verified)
            assert refused.value.status == 400
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LinkedAccount)) == 0


def test_a_handoff_holds_no_token_and_is_redeemed_once(app: Flask) -> None:
    with app.app_context():
        user, _created = login_client.link_or_create("https://idp", "sub-2", "b@x.io", True)
        code = login_client.create_handoff(user, True)
        row = db.session.scalars(sa.select(LoginHandoff)).one()
        assert row.code_hash == hashlib.sha256(code.encode()).hexdigest()
        assert set(LoginHandoff.__table__.columns.keys()) == {
            "code_hash",
            "user_id",
            "created",
            "expires_at",
        }
        found = login_client.redeem_handoff(code)
        assert found is not None and found[0].id == user.id and found[1] is True
        assert login_client.redeem_handoff(code) is None


def test_no_free_callback_slot_is_503_at_once(tmp_path: Path) -> None:
    application = app_on(
        tmp_path / "db.sqlite", OAUTH_CALLBACK_CONCURRENCY="1", OAUTH_CALLBACK_WAIT_S="0"
    )
    with application.test_request_context("/"):
        with (
            login_client.callback_slot(),
            pytest.raises(ProblemError) as busy,
            login_client.callback_slot(),
        ):
            pass
        assert busy.value.status == 503
        assert busy.value.headers.get("Retry-After") == "1"
        with login_client.callback_slot():  # released again
            pass


def test_abandoned_logins_do_not_grow_the_session_without_bound(app: Flask) -> None:
    """Ten started, unfinished logins in one session: the newest five are kept."""
    from flask import session

    from flask_track.concepts.p41_oauth_login import routes

    with app.test_request_context("/"):
        for n in range(10):
            session[f"_state_p41_x_state{n}"] = {"data": {}, "exp": 1000.0 + n}
        session["_state_other_client_s"] = {"data": {}, "exp": 1.0}
        routes._forget_abandoned_logins("p41_x")
        kept = sorted(key for key in session if key.startswith("_state_p41_x_"))
        assert kept == [f"_state_p41_x_state{n}" for n in range(5, 10)]
        assert "_state_other_client_s" in session, "another client's logins are not ours"
