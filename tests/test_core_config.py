"""Configuration per APP_ENV (CATALOG §0, environment interface)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flask_track import config as cfg  # the module: pytest would collect a Test* class
from flask_track import create_app
from flask_track.config import (
    DEFAULT_ADMIN_PASSWORD,
    DEFAULT_JWT_SECRET_KEY,
    DEFAULT_SECRET_KEY,
    ConfigError,
    DevelopmentConfig,
    ProductionConfig,
    config_for,
)

STRONG = {
    "SECRET_KEY": "s" * 40,
    "JWT_SECRET_KEY": "j" * 48,
    "ADMIN_PASSWORD": "a-real-admin-password",
}


@pytest.mark.parametrize(
    ("name", "cls", "debug", "testing"),
    [
        ("development", DevelopmentConfig, False, False),
        ("testing", cfg.TestingConfig, False, True),
        ("production", ProductionConfig, False, False),
    ],
)
def test_app_env_selects_its_config_class(name, cls, debug, testing):
    config = config_for({"APP_ENV": name, **STRONG})
    assert type(config) is cls
    assert [name, debug, testing] == [config.APP_ENV, config.DEBUG, config.TESTING]


def test_app_env_unset_means_development():
    assert type(config_for({})) is DevelopmentConfig


def test_unknown_app_env_is_refused_with_the_choices():
    with pytest.raises(ConfigError) as info:
        config_for({"APP_ENV": "staging"})
    message = str(info.value)
    assert "staging" in message
    for name in ("development", "testing", "production"):
        assert name in message


def test_environment_is_read_when_the_config_is_built():
    config = cfg.TestingConfig(
        {
            "DATABASE_URL": "sqlite:///x.db",
            "CORS_ORIGINS": " http://a.example , ,http://b.example",
            "TRUSTED_PROXY_HOPS": "1",
        }
    )
    assert config.DATABASE_URL == "sqlite:///x.db"
    assert config.CORS_ORIGINS == ["http://a.example", "http://b.example"]
    assert config.TRUSTED_PROXY_HOPS == 1


@pytest.mark.parametrize("hops", ["-1", "one", "1.5", ""])
def test_trusted_proxy_hops_must_be_a_whole_number(hops):
    with pytest.raises(cfg.ConfigError, match="TRUSTED_PROXY_HOPS"):
        cfg.TestingConfig({"TRUSTED_PROXY_HOPS": hops})


def test_development_allows_the_vite_dev_server_by_default():
    assert "http://localhost:5173" in DevelopmentConfig({}).CORS_ORIGINS
    assert cfg.TestingConfig({}).CORS_ORIGINS == []
    assert ProductionConfig(STRONG).CORS_ORIGINS == []


def test_production_with_real_secrets_starts():
    ProductionConfig({**STRONG}).validate()


@pytest.mark.parametrize(
    ("name", "default"),
    [
        ("SECRET_KEY", DEFAULT_SECRET_KEY),
        ("JWT_SECRET_KEY", DEFAULT_JWT_SECRET_KEY),
        ("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD),
    ],
)
@pytest.mark.parametrize("how", ["missing", "default", "empty"])
def test_production_refuses_a_missing_or_default_secret(name, default, how):
    environ = dict(STRONG)
    if how == "missing":
        del environ[name]
    else:
        environ[name] = default if how == "default" else ""
    with pytest.raises(ConfigError) as info:
        ProductionConfig(environ).validate()
    message = str(info.value)
    assert name in message and "production" in message
    # Only the offending setting is named, and no secret value is echoed back.
    named = set(re.findall(r"\b[A-Z_]+_(?:KEY|PASSWORD)\b", message))
    assert named == {name}
    assert not any(value in message for value in STRONG.values())


def test_production_names_every_bad_setting_at_once():
    with pytest.raises(ConfigError) as info:
        ProductionConfig({}).validate()
    assert all(name in str(info.value) for name in STRONG)


def test_create_app_refuses_to_start_in_production_with_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    for name in STRONG:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_create_app_starts_in_production_with_real_secrets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    for name, value in STRONG.items():
        monkeypatch.setenv(name, value)
    app = create_app()
    assert app.config["APP_ENV"] == "production"
    assert not app.testing and not app.debug
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
