"""The settings object (p42, p43): every setting declared once, read once, its source known.

`SETTINGS` below is the one list of what the app reads (CATALOG §0's environment interface
plus the app's own knobs): each `Setting` has its name, its default (as text, parsed like a
value from the environment), its parser, and whether it is a secret and whether production
refuses its default. Adding a setting is one line there.

A config object (one class per APP_ENV: DevelopmentConfig, TestingConfig, ProductionConfig) is
built when the app is created, never when this module is imported: tests and the contract
harness set variables right before `create_app()`. Each value comes from the first of
1. the process environment (`env`),
2. a `.env` file (`.env`), read with python-dotenv's `dotenv_values`, which never touches
   `os.environ`: the file named by `ENV_FILE` if set (it must exist), else `./.env` in the
   current directory if there is one (`ENV_FILE=/dev/null` reads none),
3. the setting's default (`default`),
and `config.sources[name]` says which one it was. Production's refusal of unsafe defaults is
the one validation: `validate()` walks the settings marked `unsafe_default`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dotenv import dotenv_values

# Development defaults: documented in README.md, refused in production.
DEFAULT_SECRET_KEY = "dev-secret-key-change-me"  # noqa: S105
DEFAULT_JWT_SECRET_KEY = "dev-jwt-secret-key-change-me-32b"  # noqa: S105
DEFAULT_ADMIN_EMAIL = "admin@example.com"
DEFAULT_ADMIN_PASSWORD = "admin-password-change-me"  # noqa: S105

ONE_MIB = 1024 * 1024
MASK = "***"
# The key the app's config object is kept under in `app.extensions` (create_app puts it there).
EXTENSION = "flask_track.settings"

Source = Literal["env", ".env", "default", "override"]
# What a setting's default may be: text (parsed like a value from the environment), None
# ("unset"), or a function of the config class (a default that differs per APP_ENV).
Default = str | None | Callable[["Config"], str | None]


class ConfigError(RuntimeError):
    """The environment asks for something the app refuses to start with."""


# ------------------------------------------------------------------------------ parsers
# A parser turns the text of a value into the setting; ValueError(what it must be) refuses it.


def text(value: str) -> str:
    """Any text, as is."""
    return value


def optional(value: str) -> str | None:
    """Text where empty means unset (None)."""
    return value or None


def whole(value: str) -> int:
    """A whole number (Python's int(): surrounding spaces allowed)."""
    try:
        return int(value)
    except ValueError:
        raise ValueError("a whole number") from None


def number(value: str) -> float:
    """A number of seconds (Python's float())."""
    try:
        return float(value)
    except ValueError:
        raise ValueError("a number") from None


def hops(value: str) -> int:
    """TRUSTED_PROXY_HOPS: a whole number >= 0."""
    if not value.strip().isdigit():
        raise ValueError("a whole number >= 0")
    return int(value)


def csv(value: str) -> list[str]:
    """Comma-separated items, blanks dropped."""
    return [item.strip() for item in value.split(",") if item.strip()]


def base_url(value: str) -> str:
    """A base URL, without its trailing slash (links are built as base + path)."""
    return value.rstrip("/")


def optional_base_url(value: str) -> str | None:
    """A base URL without its trailing slash, where empty means unset (None)."""
    return value.rstrip("/") or None


# ------------------------------------------------------------------------------ masking
# Query options that carry a secret (libpq accepts `?password=`, drivers add others).
SECRET_QUERY_KEYS = {"password", "passwd", "pwd", "sslpassword", "secret", "token", "api_key"}


def mask_url(url: str) -> str:
    """The URL with the password of its userinfo and of secret query options as `***`.

    Cut by hand rather than urlsplit/urlunsplit: those re-render the URL (`sqlite:////x`
    loses its empty authority) and refuse odd ports; the rest of the text is kept as is.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url  # not a URL: no userinfo to mask
    end = min((rest.index(c) for c in "/?#" if c in rest), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    userinfo, at, host = authority.rpartition("@")
    if at and ":" in userinfo:
        authority = f"{userinfo.split(':', 1)[0]}:{MASK}@{host}"
    path, question, query = tail.partition("?")
    query, hash_, fragment = query.partition("#")
    if query:
        options = []
        for option in query.split("&"):
            key, equals, _value = option.partition("=")
            options.append(
                f"{key}={MASK}" if equals and key.lower() in SECRET_QUERY_KEYS else option
            )
        query = "&".join(options)
    return f"{scheme}://{authority}{path}{question}{query}{hash_}{fragment}"


@dataclass(frozen=True)
class Setting:
    """One setting: read from the environment variable `name` into the config key `key`."""

    name: str
    default: Default
    parse: Callable[[str], Any] = text
    secret: bool = False  # shown as *** (p42), never logged
    unsafe_default: bool = False  # production refuses it missing, empty or default
    url: bool = False  # a URL whose password is masked when shown
    key: str = ""  # the config key when it differs from `name`

    @property
    def config_key(self) -> str:
        """The app.config key this setting is stored under."""
        return self.key or self.name

    def shown(self, value: Any) -> Any:
        """The value as p42 shows it: secrets as ***, passwords inside URLs masked."""
        if self.secret:
            return MASK
        if self.url and isinstance(value, str):
            return mask_url(value)
        return value


CLIENT_DIST_DEFAULT = str(Path(__file__).resolve().parent.parent / "clients" / "dist")

SETTINGS: tuple[Setting, ...] = (
    # CATALOG §0, the environment interface.
    Setting("APP_ENV", lambda config: config.ENV_NAME),
    Setting("SECRET_KEY", DEFAULT_SECRET_KEY, secret=True, unsafe_default=True),
    Setting("JWT_SECRET_KEY", DEFAULT_JWT_SECRET_KEY, secret=True, unsafe_default=True),
    Setting("ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL),
    Setting("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD, secret=True, unsafe_default=True),
    # None means "a SQLite file in the instance folder", resolved by create_app().
    Setting("DATABASE_URL", None, optional, url=True),
    # None means "no Redis": in-process cache, rate-limit counters and pub/sub.
    Setting("REDIS_URL", None, optional, url=True),
    # p41 OAuth login. OAUTH_PROVIDER_URL (CATALOG §0): the OpenID provider's issuer URL, e.g.
    # https://accounts.google.com; None: this app's own mock provider at /p41/provider, reached
    # at the request's own origin. The client id and secret are the ones registered there (the
    # mock registers exactly these; no secret: derived from SECRET_KEY), and
    # OAUTH_REDIRECT_URIS lists the callback URLs registered besides the request origin's
    # /p41/callback. OAUTH_SIGNING_KEY: the mock provider's RSA private key (PEM); None: one is
    # generated on first use and stored in the database, so every worker signs with (and
    # publishes) the same key. OAUTH_CALLBACK_CONCURRENCY: callbacks one process runs at once
    # (each holds a server thread while it calls the provider; with the provider in this same
    # server, more would leave no thread to answer it), OAUTH_CALLBACK_WAIT_S how long one
    # waits for its turn before answering 503, OAUTH_HTTP_TIMEOUT_S each call's timeout.
    Setting("OAUTH_PROVIDER_URL", None, optional_base_url, url=True),
    Setting("OAUTH_CLIENT_ID", "flask-track"),
    Setting("OAUTH_CLIENT_SECRET", None, optional, secret=True),
    Setting("OAUTH_REDIRECT_URIS", "", csv),
    Setting("OAUTH_SIGNING_KEY", None, optional, secret=True),
    Setting("OAUTH_CALLBACK_CONCURRENCY", "3", whole),
    Setting("OAUTH_CALLBACK_WAIT_S", "0.5", number),
    Setting("OAUTH_HTTP_TIMEOUT_S", "10", number),
    Setting("CORS_ORIGINS", lambda config: config.default_cors_origins(), csv),
    # How many proxies in front of the app may set X-Forwarded-For/-Proto (ProxyFix).
    # 0: the headers are ignored, a client cannot choose its own "address".
    Setting("TRUSTED_PROXY_HOPS", "0", hops),
    # Level 4 background work (p33-p35): the outbox's SMTP server, the base of links in
    # emails (never the request's Host).
    Setting("SMTP_HOST", "127.0.0.1"),
    Setting("SMTP_PORT", "1025", whole),
    Setting("MAIL_FROM", "flask-track@example.com"),
    Setting("PUBLIC_URL", "http://127.0.0.1:5000", base_url),
    # p31 uploads: None means "uploads/ in the instance folder" (resolved by p31; never a
    # served folder), and the largest file accepted, in bytes.
    Setting("UPLOAD_DIR", None, optional),
    Setting("UPLOAD_MAX_BYTES", str(2 * ONE_MIB), whole),
    # Concept ids left out of the ladder (a deliberately incomplete server for comparisons).
    Setting("DISABLED_CONCEPTS", "", csv),
    # The worker's sweep interval and the outbox's retry backoff.
    Setting("WORKER_SWEEP_S", "2", number),
    Setting("OUTBOX_RETRY_BASE_S", "2", number),
    Setting("OUTBOX_RETRY_MAX_S", "300", number),
    # A running p35 job whose worker stopped renewing its lease this long is handed on.
    Setting("JOB_LEASE_S", "30", number),
    Setting("PASSWORD_RESET_TTL_S", "1800", whole),  # 30 min
    # Level 3 auth (shared/passwords.py refuses argon2id costs below OWASP's floor at start-up).
    Setting("ARGON2_MEMORY_KIB", "19456", whole),  # 19 MiB
    Setting("ARGON2_TIME_COST", "2", whole),
    Setting("ARGON2_PARALLELISM", "1", whole),
    Setting("JWT_ACCESS_TOKEN_EXPIRES_S", "900", whole, key="JWT_ACCESS_TOKEN_EXPIRES"),
    Setting("JWT_REFRESH_TOKEN_EXPIRES_S", "1209600", whole, key="JWT_REFRESH_TOKEN_EXPIRES"),
    # Where the built React client lives; served at / when index.html exists.
    Setting("CLIENT_DIST_DIR", CLIENT_DIST_DEFAULT),
)

BY_KEY = {setting.config_key: setting for setting in SETTINGS}


def read_env_file(environ: Mapping[str, str]) -> dict[str, str]:
    """The `.env` file's values: ENV_FILE's file (which must exist), else ./.env if present.

    `dotenv_values` parses without exporting anything; a line with a name and no `=` gives
    None, which counts as "not set here".
    """
    named = environ.get("ENV_FILE")
    if named:
        path = Path(named)
        if not (path.is_file() or named == os.devnull):
            raise ConfigError(f"ENV_FILE names {named!r}, which is not a file.")
    else:
        path = Path.cwd() / ".env"
        if not path.is_file():
            return {}
    return {k: v for k, v in dotenv_values(path).items() if v is not None}


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
    # p41: the login's state rides the session cookie across the provider's top-level redirect.
    SESSION_COOKIE_SAMESITE = "Lax"

    # flask-sock (simple-websocket): a message over 64 KiB closes the connection with 1009, and
    # the server pings idle clients so a vanished one is noticed (and its thread freed).
    SOCK_SERVER_OPTIONS = {"max_message_size": 65_536, "ping_interval": 25}

    def __init__(
        self, environ: Mapping[str, str] | None = None, dotenv: Mapping[str, str] | None = None
    ) -> None:
        """Read every setting: `environ` (default os.environ), then `dotenv`, then defaults.

        `dotenv` defaults to the `.env` file (see the module docstring) when `environ` is the
        process environment or names an ENV_FILE; a mapping given without ENV_FILE (a test's)
        reads no file, so a developer's ./.env cannot change a unit test.
        """
        env = os.environ if environ is None else environ
        if dotenv is None:
            dotenv = read_env_file(env) if environ is None or "ENV_FILE" in env else {}
        self.sources: dict[str, Source] = {}
        for setting in SETTINGS:
            raw: str | None
            source: Source
            if setting.name in env:
                raw, source = env[setting.name], "env"
            elif setting.name in dotenv:
                raw, source = dotenv[setting.name], ".env"
            else:
                default = setting.default
                raw = default(self) if callable(default) else default
                source = "default"
            setattr(self, setting.config_key, None if raw is None else _parse(setting, raw))
            self.sources[setting.name] = source
        # p41: the session cookie carries the login's state, nonce and PKCE verifier (Authlib):
        # Secure whenever the site is https.
        self.SESSION_COOKIE_SECURE = str(vars(self)["PUBLIC_URL"]).startswith("https://")

    def default_cors_origins(self) -> str:
        """No cross-origin access unless asked for."""
        return ""

    def override(self, values: Mapping[str, Any]) -> None:
        """Set config keys in code (create_app's mapping): declared ones become `override`."""
        for key, value in values.items():
            setattr(self, key, value)
            if key in BY_KEY:
                self.sources[BY_KEY[key].name] = "override"

    def report(self) -> list[dict[str, Any]]:
        """Every setting's name, source and value as shown (secrets and URL passwords masked)."""
        return [
            {
                "name": setting.name,
                "source": self.sources[setting.name],
                "value": setting.shown(getattr(self, setting.config_key)),
                "secret": setting.secret,
            }
            for setting in SETTINGS
        ]

    def refused(self) -> list[str]:
        """The settings this environment must not run with (none outside production)."""
        return []

    def validate(self) -> None:
        """Refuse settings this environment must not run with, naming them all at once."""
        problems = self.refused()
        if problems:
            raise ConfigError(
                f"APP_ENV={self.ENV_NAME} refuses to start: set "
                + ", ".join(problems)
                + " to non-default values in the environment."
            )


def _parse(setting: Setting, raw: str) -> Any:
    """Parse one value; a bad one stops the app, naming the setting (never a secret's value)."""
    try:
        return setting.parse(raw)
    except ValueError as error:
        shown = "" if setting.secret else f", not {raw!r}"
        raise ConfigError(f"{setting.name} must be {error}{shown}.") from None


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

    def refused(self) -> list[str]:
        """Production refuses a missing, empty or default secret or admin password."""
        return [
            setting.name
            for setting in SETTINGS
            if setting.unsafe_default
            and getattr(self, setting.config_key) in ("", None, setting.default)
        ]


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(environ: Mapping[str, str] | None = None) -> Config:
    """Build the config object APP_ENV names (development when unset; `.env` may name it)."""
    env = os.environ if environ is None else environ
    dotenv = read_env_file(env) if environ is None or "ENV_FILE" in env else {}
    name = env.get("APP_ENV", dotenv.get("APP_ENV", "development"))
    try:
        cls = CONFIGS[name]
    except KeyError:
        raise ConfigError(f"APP_ENV={name!r} is not one of: {', '.join(CONFIGS)}.") from None
    return cls(env, dotenv)
