"""The built React client at / and /assets/*, only when CLIENT_DIST_DIR has an index.html."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from flask_track import config as cfg  # the module: pytest would collect a Test* class
from flask_track import create_app

PROBLEM = "application/problem+json"


def client_for(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dist: Path) -> FlaskClient:
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'client.sqlite3'}")
    monkeypatch.setenv("CLIENT_DIST_DIR", str(dist))
    return create_app(cfg.TestingConfig()).test_client()


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A built client: index.html, one hashed bundle, and a file beside dist/ to steal."""
    folder = tmp_path / "dist"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>track</title>", encoding="utf-8")
    (folder / "assets" / "app-1234.js").write_text("console.log(1)", encoding="utf-8")
    (folder / "secret.txt").write_text("not an asset", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("outside", encoding="utf-8")
    return folder


def test_index_is_served_when_built(monkeypatch, tmp_path, dist):
    client = client_for(monkeypatch, tmp_path, dist)
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert b"<title>track</title>" in response.data
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_assets_are_served_immutable(monkeypatch, tmp_path, dist):
    response = client_for(monkeypatch, tmp_path, dist).get("/assets/app-1234.js")
    assert response.status_code == 200
    assert response.data == b"console.log(1)"
    assert "immutable" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../secret.txt",
        "/assets/%2e%2e/secret.txt",
        "/assets/..%2fsecret.txt",
        "/assets/../../outside.txt",
        "/assets/..\\secret.txt",
        "/assets/missing.js",
    ],
)
def test_asset_traversal_is_refused_as_a_404_problem(monkeypatch, tmp_path, dist, path):
    response = client_for(monkeypatch, tmp_path, dist).get(path)
    assert response.status_code == 404
    assert response.mimetype == PROBLEM
    assert b"not an asset" not in response.data and b"outside" not in response.data


def test_unknown_urls_stay_api_404_problems(monkeypatch, tmp_path, dist):
    response = client_for(monkeypatch, tmp_path, dist).get("/p07")
    assert response.status_code == 404
    assert response.mimetype == PROBLEM


def test_without_a_build_root_is_a_404_problem(monkeypatch, tmp_path):
    empty = tmp_path / "not-built"
    empty.mkdir()
    client = client_for(monkeypatch, tmp_path, empty)
    for path in ("/", "/assets/app.js"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.mimetype == PROBLEM
        assert response.get_json()["type"] == "/problems/not-found"
