"""The contract harness's own rules: its --base-url defaults agree with the server's, and a
partial run is reported as one (no Flask here beyond reading the config)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from contracts.harness import plugin
from contracts.harness.report import (
    NO_CASES,
    NOT_SELECTED,
    PASSED,
    Report,
    concepts_with_contracts,
)
from flask_track import config


def test_suite_development_defaults_are_the_servers():
    """`pytest contracts --base-url` against a default development server needs no flags."""
    assert plugin.DEV_ADMIN_EMAIL == config.DEFAULT_ADMIN_EMAIL
    assert plugin.DEV_ADMIN_PASSWORD == config.DEFAULT_ADMIN_PASSWORD
    dev = config.DevelopmentConfig({})
    assert plugin.DEV_CORS_ORIGINS.split(",") == dev.CORS_ORIGINS


def _report(concepts: set[str], ran: list[str]) -> Report:
    report = Report("http://x.test", with_contracts=concepts)
    for concept in ran:
        report.record(
            nodeid=f"{concept}::t",
            case_id=f"{concept}.rule",
            concept=concept,
            outcome="passed",
            duration=0.1,
            not_implemented=False,
        )
    return report


def test_a_run_of_one_concept_is_partial_and_labels_the_others_not_selected(tmp_path: Path):
    """-m p07: the others with a contract are 'not selected', the rest 'no contract yet'."""
    report = _report({"core", "p06", "p07"}, ["p07"])
    status = {row["concept"]: row["status"] for row in report.rows()}
    assert report.partial
    assert (status["p07"], status["p06"], status["core"], status["p40"]) == (
        PASSED,
        NOT_SELECTED,
        NOT_SELECTED,
        NO_CASES,
    )
    json_path, md_path = report.write(tmp_path / "mine.json")
    assert (json_path.name, md_path.name) == ("mine.partial.json", "mine.partial.md")
    assert not (tmp_path / "mine.json").exists()


def test_a_run_of_every_contract_is_full(tmp_path: Path):
    """Every concept with a contract ran: the report is written to the path asked for."""
    report = _report({"core", "p07"}, ["core", "p07"])
    assert not report.partial
    json_path, _ = report.write(tmp_path / "mine.json")
    assert json_path == tmp_path / "mine.json"


def test_the_suite_knows_which_concepts_have_a_contract():
    """The contract files are found by name: core and every built concept, no planned one."""
    found = concepts_with_contracts()
    assert {"core", "p01", "p07", "p30", "p41", "p50"} <= found
    ladder = tomllib.loads((Path(__file__).parent.parent / "ladder.toml").read_text("utf-8"))
    planned = {row["id"] for row in ladder["concept"] if row.get("planned", False)}
    assert not found & planned, f"planned concepts have no contract file: {found & planned}"
