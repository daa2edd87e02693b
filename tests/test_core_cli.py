"""`flask ladder list` and `flask ladder show`."""

from __future__ import annotations

from flask import Flask

from flask_track.core.ladder import read_ladder

# The built rows of ladder.toml (the one source of concept identity), in order.
LADDER = tuple(rung.package for rung in read_ladder() if not rung.planned)


def test_list_shows_every_concept_in_ladder_order(app: Flask):
    result = app.test_cli_runner().invoke(args=["ladder", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == len(LADDER)
    ids = [line.split()[0] for line in lines]
    assert ids == [name[:3] for name in LADDER]
    p10 = next(line for line in lines if line.startswith("p10"))
    assert "L1" in p10 and "API docs" in p10 and p10.rstrip().endswith("/p10")


def test_show_by_id_prints_files_and_notes(app: Flask):
    result = app.test_cli_runner().invoke(args=["ladder", "show", "p10"])
    assert result.exit_code == 0, result.output
    assert "p10 API docs (level 1)" in result.output
    assert "routes.py" in result.output and "schemas.py" in result.output
    assert "## The problem" in result.output  # NOTES.md itself


def test_show_by_slug_in_any_case(app: Flask):
    result = app.test_cli_runner().invoke(args=["ladder", "show", "API-DOCS"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("p10 ")


def test_show_an_unknown_concept_fails_with_a_hint(app: Flask):
    result = app.test_cli_runner().invoke(args=["ladder", "show", "p99"])
    assert result.exit_code != 0
    assert "p99" in result.output and "flask ladder list" in result.output
