"""Configuration classes, one per APP_ENV, built from the environment interface (CATALOG §0).

The classes are instantiated (not used as bare classes) so that every value is read from the
environment when the app is created, not when this module is imported: tests and the contract
harness set variables right before `create_app()`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

# Development defaults: documented in README.md, refused in production.
DEFAULT_SECRET_KEY = "dev-secret-key-change-me"  # noqa: S105
DEFAULT_JWT_SECRET_KEY = "dev-jwt-secret-key-change-me-32b"  # noqa: S105
DEFAULT_ADMIN_EMAIL = "admin@example.com"
DEFAULT_ADMIN_PASSWORD = "admin-password-change-me"  # noqa: S105

ONE_MIB = 1024 * 1024


class ConfigError(RuntimeError):
    """The environment asks for something the app refuses to start with."""


def _hops(value: str) -> int:
    """TRUSTED_PROXY_HOPS: a whole number >= 0."""
    if not value.strip().isdigit():
        raise ConfigError(f"TRUSTED_PROXY_HOPS must be a whole number >= 0, not {value!r}.")
    return int(value)


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    DEBUG = False
    TESTING = False
    # Our own error handlers turn every exception into problem+json, even under TESTING.
    PROPAGATE_EXCEPTIONS = False
    MAX_CONTENT_LENGTH = ONE_MIB
    JSON_SORT_KEYS = False

    # flask-smorest / OpenAPI
    API_TITLE = "The Flask track"
    API_VERSION = "0.1.0"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    # Swagger UI is served from the swagger-ui-bundle wheel, not a CDN: works offline.
    OPENAPI_SWAGGER_UI_URL = "/docs/static/"

    SQLALCHEMY_TRACK_MODIFICATIONS = False

    # flask-sock (simple-websocket): a message over 64 KiB closes the connection with 1009, and
    # the server pings idle clients so a vanished one is noticed (and its thread freed).
    SOCK_SERVER_OPTIONS = {"max_message_size": 65_536, "ping_interval": 25}

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.APP_ENV = env.get("APP_ENV", self.ENV_NAME)
        self.SECRET_KEY = env.get("SECRET_KEY", DEFAULT_SECRET_KEY)
        self.JWT_SECRET_KEY = env.get("JWT_SECRET_KEY", DEFAULT_JWT_SECRET_KEY)
        self.ADMIN_EMAIL = env.get("ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL)
        self.ADMIN_PASSWORD = env.get("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
        # None means "a SQLite file in the instance folder", resolved by create_app().
        self.DATABASE_URL = env.get("DATABASE_URL") or None
        self.REDIS_URL = env.get("REDIS_URL") or None
        self.CORS_ORIGINS = _csv(env.get("CORS_ORIGINS", self.default_cors_origins()))
        # How many proxies in front of the app may set X-Forwarded-For/-Proto (ProxyFix).
        # 0: the headers are ignored, a client cannot choose its own "address".
        self.TRUSTED_PROXY_HOPS = _hops(env.get("TRUSTED_PROXY_HOPS", "0"))
        # Concept ids left out of the ladder (a deliberately incomplete server for comparisons).
        self.DISABLED_CONCEPTS = _csv(env.get("DISABLED_CONCEPTS", ""))
        # p31 uploads: None means "uploads/ in the instance folder" (resolved by p31; never a
        # served folder), and the largest file accepted, in bytes.
        self.UPLOAD_DIR = env.get("UPLOAD_DIR") or None
        self.UPLOAD_MAX_BYTES = int(env.get("UPLOAD_MAX_BYTES", str(2 * ONE_MIB)))
        # ---- p41 OAuth login (one block; read by concepts/p41_oauth_login only) ----------
        # OAUTH_PROVIDER_URL (CATALOG §0): the OpenID provider's issuer URL, e.g.
        # https://accounts.google.com. Unset (None): this app's own mock provider at
        # /p41/provider, reached at the request's own origin. The client id and secret are
        # the ones registered there (our mock provider registers exactly these), and
        # OAUTH_REDIRECT_URIS lists the callback URLs registered besides the request's own
        # origin's /p41/callback. OAUTH_SIGNING_KEY: the mock provider's RSA private key (PEM);
        # unset: one is generated on first use and stored in the database, so every worker
        # signs with (and publishes) the same key. OAUTH_CALLBACK_CONCURRENCY: callbacks one
        # process runs at once (each holds a server thread while it calls the provider; with
        # the provider in this same server, more would leave no thread to answer it), and
        # OAUTH_CALLBACK_WAIT_S how long one waits for its turn before answering 503.
        self.OAUTH_PROVIDER_URL = (env.get("OAUTH_PROVIDER_URL") or "").rstrip("/") or None
        self.OAUTH_CLIENT_ID = env.get("OAUTH_CLIENT_ID", "flask-track")
        self.OAUTH_CLIENT_SECRET = env.get("OAUTH_CLIENT_SECRET") or None  # None: from SECRET_KEY
        self.OAUTH_REDIRECT_URIS = _csv(env.get("OAUTH_REDIRECT_URIS", ""))
        self.OAUTH_SIGNING_KEY = env.get("OAUTH_SIGNING_KEY") or None
        self.OAUTH_CALLBACK_CONCURRENCY = int(env.get("OAUTH_CALLBACK_CONCURRENCY", "3"))
        self.OAUTH_CALLBACK_WAIT_S = float(env.get("OAUTH_CALLBACK_WAIT_S", "0.5"))
        self.OAUTH_HTTP_TIMEOUT_S = float(env.get("OAUTH_HTTP_TIMEOUT_S", "10"))
        # The session cookie carries the login's state, nonce and PKCE verifier (Authlib): Lax
        # still rides the provider's top-level redirect back; Secure whenever the site is https.
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = env.get("PUBLIC_URL", "").startswith("https://")
        # ---- end p41 ------------------------------------------------------------------------
        # Level 4 background work (p33-p35): the outbox's SMTP server, the base of links in
        # emails (never the request's Host), the worker's sweep interval and retry backoff.
        self.SMTP_HOST = env.get("SMTP_HOST", "127.0.0.1")
        self.SMTP_PORT = int(env.get("SMTP_PORT", "1025"))
        self.MAIL_FROM = env.get("MAIL_FROM", "flask-track@example.com")
        self.PUBLIC_URL = env.get("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
        self.WORKER_SWEEP_S = float(env.get("WORKER_SWEEP_S", "2"))
        self.OUTBOX_RETRY_BASE_S = float(env.get("OUTBOX_RETRY_BASE_S", "2"))
        self.OUTBOX_RETRY_MAX_S = float(env.get("OUTBOX_RETRY_MAX_S", "300"))
        # A running p35 job whose worker stopped renewing its lease this long is handed on.
        self.JOB_LEASE_S = float(env.get("JOB_LEASE_S", "30"))
        self.PASSWORD_RESET_TTL_S = int(env.get("PASSWORD_RESET_TTL_S", "1800"))  # 30 min
        # Level 3 auth (shared/passwords.py refuses argon2id costs below OWASP's floor at start-up).
        self.ARGON2_MEMORY_KIB = int(env.get("ARGON2_MEMORY_KIB", "19456"))  # 19 MiB
        self.ARGON2_TIME_COST = int(env.get("ARGON2_TIME_COST", "2"))
        self.ARGON2_PARALLELISM = int(env.get("ARGON2_PARALLELISM", "1"))
        self.JWT_ACCESS_TOKEN_EXPIRES = int(env.get("JWT_ACCESS_TOKEN_EXPIRES_S", "900"))
        self.JWT_REFRESH_TOKEN_EXPIRES = int(env.get("JWT_REFRESH_TOKEN_EXPIRES_S", "1209600"))
        # Where the built React client lives; served at / when index.html exists.
        self.CLIENT_DIST_DIR = env.get(
            "CLIENT_DIST_DIR", str(Path(__file__).resolve().parent.parent / "clients" / "dist")
        )

    def default_cors_origins(self) -> str:
        """No cross-origin access unless asked for."""
        return ""

    def validate(self) -> None:
        """Refuse settings this environment must not run with."""


class DevelopmentConfig(Config):
    """`flask run` / the README's run command on a laptop."""

    ENV_NAME = "development"

    def default_cors_origins(self) -> str:
        # The Vite dev server, so `npm run dev` can call the API on :5000.
        return "http://localhost:5173,http://127.0.0.1:5173"


class TestingConfig(Config):
    """Unit tests and contract runs."""

    ENV_NAME = "testing"
    TESTING = True
    __test__ = False  # a config class, not a pytest test class


class ProductionConfig(Config):
    """The Docker image and any real deployment."""

    ENV_NAME = "production"

    def validate(self) -> None:
        """Production refuses a missing or default secret or admin password."""
        problems = [
            name
            for name, value, default in (
                ("SECRET_KEY", self.SECRET_KEY, DEFAULT_SECRET_KEY),
                ("JWT_SECRET_KEY", self.JWT_SECRET_KEY, DEFAULT_JWT_SECRET_KEY),
                ("ADMIN_PASSWORD", self.ADMIN_PASSWORD, DEFAULT_ADMIN_PASSWORD),
            )
            if not value or value == default
        ]
        if problems:
            raise ConfigError(
                "APP_ENV=production refuses to start: set "
                + ", ".join(problems)
                + " to non-default values in the environment."
            )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(environ: Mapping[str, str] | None = None) -> Config:
    """Build the config object APP_ENV names (development when unset)."""
    env = os.environ if environ is None else environ
    name = env.get("APP_ENV", "development")
    try:
        cls = CONFIGS[name]
    except KeyError:
        raise ConfigError(f"APP_ENV={name!r} is not one of: {', '.join(CONFIGS)}.") from None
    return cls(env)
