"""p42: every setting declared once, read from env > .env > default, its source known, masked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track import config as cfg  # the module: pytest would collect a Test* class
from flask_track import create_app
from flask_track.config import (
    DEFAULT_SECRET_KEY,
    MASK,
    SETTINGS,
    ConfigError,
    ProductionConfig,
    config_for,
    mask_url,
)
from flask_track.core.logging import SECRET_SETTINGS, URL_SETTINGS
from tests.test_auth_support import (
    ADMIN_PASSWORD,
    access_token,
    admin_token,
    bearer,
    expect_token_problem,
    problem,
    signup,
)

STRONG = {
    "SECRET_KEY": "s" * 40,
    "JWT_SECRET_KEY": "j" * 48,
    "ADMIN_PASSWORD": "a-real-admin-password",
}


# ----------------------------------------------------------------------- sources


def test_env_beats_dotenv_beats_default():
    config = cfg.TestingConfig(
        {"SMTP_HOST": "env.example"},
        {"SMTP_HOST": "file.example", "MAIL_FROM": "file@example.com"},
    )
    assert (config.SMTP_HOST, config.sources["SMTP_HOST"]) == ("env.example", "env")
    assert (config.MAIL_FROM, config.sources["MAIL_FROM"]) == ("file@example.com", ".env")
    assert (config.SMTP_PORT, config.sources["SMTP_PORT"]) == (1025, "default")


def test_every_declared_setting_has_a_source_and_a_config_key():
    config = cfg.TestingConfig({})
    assert set(config.sources) == {setting.name for setting in SETTINGS}
    assert set(config.sources.values()) == {"default"}
    assert len({setting.config_key for setting in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        assert hasattr(config, setting.config_key), setting.name


def test_a_value_from_dotenv_is_parsed_like_one_from_the_environment():
    config = cfg.TestingConfig({}, {"SMTP_PORT": "2525", "CORS_ORIGINS": "http://a.example, "})
    assert config.SMTP_PORT == 2525
    assert config.CORS_ORIGINS == ["http://a.example"]
    assert config.JWT_ACCESS_TOKEN_EXPIRES == 900  # the config key differs from the variable


def test_an_empty_url_means_unset_and_is_still_from_the_environment():
    config = cfg.TestingConfig({"DATABASE_URL": "", "REDIS_URL": ""})
    assert (config.DATABASE_URL, config.REDIS_URL) == (None, None)
    assert config.sources["DATABASE_URL"] == config.sources["REDIS_URL"] == "env"


def test_oauth_provider_url_is_unset_by_default():
    """Unset means this app's own mock provider (p41)."""
    config = cfg.TestingConfig({})
    assert config.OAUTH_PROVIDER_URL is None
    given = cfg.TestingConfig({"OAUTH_PROVIDER_URL": "https://id.example"})
    assert given.OAUTH_PROVIDER_URL == "https://id.example"


@pytest.mark.parametrize(("name", "value"), [("SMTP_PORT", "smtp"), ("WORKER_SWEEP_S", "soon")])
def test_a_value_that_does_not_parse_names_its_setting(name, value):
    with pytest.raises(ConfigError, match=name):
        cfg.TestingConfig({name: value})


# ----------------------------------------------------------------------- the .env file


def test_dotenv_file_is_parsed_without_touching_os_environ(tmp_path: Path):
    env_file = tmp_path / "settings.env"
    env_file.write_text(
        "# a comment\n"
        "export MAIL_FROM=ops@example.com\n"
        'SMTP_HOST="mail.example"  # trailing comment\n'
        "PUBLIC_URL='https://app.example/'\n"
        "UPLOAD_DIR\n"  # a name without a value: not set here
        "NOT_A_SETTING=ignored\n",
        encoding="utf-8",
    )
    before = dict(os.environ)
    config = config_for({"APP_ENV": "testing", "ENV_FILE": str(env_file)})
    assert dict(os.environ) == before
    assert config.MAIL_FROM == "ops@example.com"
    assert config.SMTP_HOST == "mail.example"
    assert config.PUBLIC_URL == "https://app.example"
    assert (config.UPLOAD_DIR, config.sources["UPLOAD_DIR"]) == (None, "default")
    assert config.sources["MAIL_FROM"] == ".env"
    assert not hasattr(config, "NOT_A_SETTING")


def test_dotenv_may_choose_app_env(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text("APP_ENV=testing\n", encoding="utf-8")
    config = config_for({"ENV_FILE": str(env_file)})
    assert type(config) is cfg.TestingConfig
    assert config.sources["APP_ENV"] == ".env"


def test_the_current_directory_dotenv_is_read_when_env_file_is_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / ".env").write_text("MAIL_FROM=cwd@example.com\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ENV_FILE")
    monkeypatch.delenv("MAIL_FROM", raising=False)
    config = config_for()
    assert (config.MAIL_FROM, config.sources["MAIL_FROM"]) == ("cwd@example.com", ".env")


def test_a_mapping_without_env_file_reads_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A test's own mapping is hermetic: ./.env does not leak into it."""
    (tmp_path / ".env").write_text("MAIL_FROM=cwd@example.com\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cfg.TestingConfig({}).sources["MAIL_FROM"] == "default"


def test_env_file_naming_a_missing_file_stops_the_app(tmp_path: Path):
    with pytest.raises(ConfigError, match="ENV_FILE"):
        config_for({"ENV_FILE": str(tmp_path / "nope.env")})


def test_env_file_dev_null_reads_nothing():
    assert config_for({"ENV_FILE": os.devnull}).sources["MAIL_FROM"] == "default"


# ----------------------------------------------------------------------- production


def test_production_accepts_real_secrets_from_dotenv(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in STRONG.items()), encoding="utf-8")
    config = config_for({"APP_ENV": "production", "ENV_FILE": str(env_file)})
    config.validate()
    assert {config.sources[name] for name in STRONG} == {".env"}


def test_production_refuses_a_default_secret_from_dotenv_too(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text(f"SECRET_KEY={DEFAULT_SECRET_KEY}\n", encoding="utf-8")
    environ = {**STRONG, "APP_ENV": "production", "ENV_FILE": str(env_file)}
    del environ["SECRET_KEY"]
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        config_for(environ).validate()


def test_the_refused_settings_are_the_ones_declared_unsafe():
    declared = [setting.name for setting in SETTINGS if setting.unsafe_default]
    assert declared == ["SECRET_KEY", "JWT_SECRET_KEY", "ADMIN_PASSWORD"]
    assert ProductionConfig({}).refused() == declared
    assert cfg.TestingConfig({}).refused() == cfg.DevelopmentConfig({}).refused() == []


# ----------------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://app:hunter2@db:5432/app",
            "postgresql+psycopg://app:***@db:5432/app",
        ),
        ("redis://:hunter2@cache:6379/0", "redis://:***@cache:6379/0"),
        ("redis://cache:6379/0?password=hunter2&db=1", "redis://cache:6379/0?password=***&db=1"),
        ("postgresql://app@db/app", "postgresql://app@db/app"),
        ("sqlite:////srv/app.sqlite3", "sqlite:////srv/app.sqlite3"),
        ("redis://u:hun:ter2@cache:port/0?x=1#f", "redis://u:***@cache:port/0?x=1#f"),
        ("rediss://:p%40ss@cache/0?PASSWORD=x", "rediss://:***@cache/0?PASSWORD=***"),
        ("not a url", "not a url"),
    ],
)
def test_url_passwords_are_masked(url, shown):
    assert mask_url(url) == shown


def test_the_report_masks_secrets_and_url_passwords():
    config = cfg.TestingConfig(
        {
            **STRONG,
            "DATABASE_URL": "postgresql://app:db-pass-1@db/app",
            "REDIS_URL": "redis://:redis-pass-1@cache:6379/0",
        }
    )
    report = {item["name"]: item for item in config.report()}
    assert [item["name"] for item in config.report()] == [s.name for s in SETTINGS]
    for name in STRONG:
        assert (report[name]["value"], report[name]["secret"]) == (MASK, True)
    assert report["DATABASE_URL"]["value"] == "postgresql://app:***@db/app"
    assert report["REDIS_URL"]["value"] == "redis://:***@cache:6379/0"
    text = json.dumps(config.report())
    for secret in [*STRONG.values(), "db-pass-1", "redis-pass-1"]:
        assert secret not in text


def test_a_default_secret_is_masked_too():
    report = {item["name"]: item for item in cfg.DevelopmentConfig({}).report()}
    assert report["SECRET_KEY"]["value"] == MASK


def test_the_log_scrubber_uses_the_declared_secrets_and_urls():
    """One declaration: a setting marked secret (or url) is scrubbed from log lines too."""
    assert set(SECRET_SETTINGS) == {s.config_key for s in SETTINGS if s.secret}
    assert {s.config_key for s in SETTINGS if s.url} <= set(URL_SETTINGS)


# ----------------------------------------------------------------------- the route


@pytest.fixture
def admin(client: FlaskClient) -> dict[str, str]:
    return bearer(admin_token(client))


def test_without_a_token_it_is_401(client: FlaskClient):
    expect_token_problem(client.get("/p42/env"), "token-missing")


def test_a_user_gets_403(client: FlaskClient):
    signup(client, "ada@example.com")
    problem(
        client.get("/p42/env", headers=bearer(access_token(client, "ada@example.com"))),
        403,
        "forbidden",
    )


def test_the_admin_sees_every_setting_masked(app: Flask, client: FlaskClient, admin):
    response = client.get("/p42/env", headers=admin)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["count"] == len(body["items"]) == len(SETTINGS)
    by_name = {item["name"]: item for item in body["items"]}
    assert by_name["DATABASE_URL"]["source"] == "env"  # the conftest app sets it
    assert by_name["SMTP_PORT"] == {"name": "SMTP_PORT", "source": "default", "value": 1025,
                                    "secret": False}  # fmt: skip
    assert ADMIN_PASSWORD not in response.get_data(as_text=True)
    assert app.config["JWT_SECRET_KEY"] not in response.get_data(as_text=True)


def test_create_app_overrides_are_reported_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'o.sqlite3'}")
    app = create_app({"MAIL_FROM": "code@example.com", "JWT_ACCESS_TOKEN_EXPIRES": 60})
    assert app.config["MAIL_FROM"] == "code@example.com"
    settings = app.extensions[cfg.EXTENSION]
    assert settings.sources["MAIL_FROM"] == "override"
    assert settings.sources["JWT_ACCESS_TOKEN_EXPIRES_S"] == "override"
    assert settings.sources["SMTP_HOST"] == "default"
