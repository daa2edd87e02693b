"""DISABLED_CONCEPTS: a ladder with some concepts left out, unknown ids refused at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from flask_track import create_app
from flask_track.config import ConfigError, TestingConfig
from flask_track.core.disabled import without_disabled


def test_disabled_ids_are_left_out_in_order() -> None:
    """Only the named ids go; the rest keep ladder order."""
    assert without_disabled(("p01", "p02", "p07", "p13"), ["p07", " P13 ", ""]) == ["p01", "p02"]


def test_unknown_id_is_refused() -> None:
    """A typo must not silently serve the whole ladder."""
    with pytest.raises(ConfigError, match="p99"):
        without_disabled(("p01",), ["p99"])


def test_app_without_a_concept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disabled concept is neither listed in /concepts nor routed."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'd.sqlite3'}")
    monkeypatch.setenv("DISABLED_CONCEPTS", "p07,p13")
    client = create_app(TestingConfig()).test_client()
    ids = [c["id"] for c in client.get("/concepts").get_json()["concepts"]]
    assert "p07" not in ids and "p13" not in ids
    assert "p06" in ids and "p14" in ids
    assert client.post("/p13/notes", json={"title": "x"}).status_code == 404


def test_app_refuses_unknown_disabled_id(monkeypatch: pytest.MonkeyPatch) -> None:
    """create_app() fails at start, naming the unknown id."""
    monkeypatch.setenv("DISABLED_CONCEPTS", "p07,nope")
    with pytest.raises(ConfigError, match="nope"):
        create_app(TestingConfig())
