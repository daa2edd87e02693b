"""contracts.compare: the merge rules on hand-written reports, then two real runs (short)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from contracts.compare import conformance
from contracts.compare.__main__ import main
from contracts.compare.render import markdown

SERVE = f"{sys.executable} -m flask_track.serve --workers 1 --port {{port}}"


def _report(outcomes: dict[str, str]) -> dict:
    """A --contract-report document holding these case outcomes (concept from the id)."""
    rows: dict[str, list] = {}
    for case_id, outcome in outcomes.items():
        rows.setdefault(case_id.split(".")[0], []).append({"id": case_id, "outcome": outcome})
    return {
        "concepts": [
            {"concept": c, "status": cases[0]["outcome"], "cases": cases}
            for c, cases in rows.items()
        ]
    }


def test_every_verdict_of_two_outcomes() -> None:
    """Passed/failed/not implemented on each side map to the documented verdicts."""
    a = _report(
        {
            "p01.a": "passed",
            "p01.b": "passed",
            "p01.c": "failed",
            "p01.d": "failed",
            "p02.e": "passed",
            "p03.f": "not implemented",
            "p04.g": "passed",
        }
    )
    b = _report(
        {
            "p01.a": "passed",
            "p01.b": "failed",
            "p01.c": "passed",
            "p01.d": "failed",
            "p02.e": "not implemented",
            "p03.f": "not implemented",
        }
    )
    merged = conformance.merge(a, b)
    verdicts = {c["id"]: c["verdict"] for c in merged["differences"]}
    assert verdicts == {
        "p01.b": "only A",
        "p01.c": "only B",
        "p01.d": "neither",
        "p02.e": "not implemented by B",
        "p04.g": "not run on one side",
    }
    rows = {r["concept"]: r for r in merged["concepts"]}
    assert rows["p01"]["counts"]["both pass"] == 1 and rows["p01"]["same"] is False
    assert rows["p03"]["same"] is True  # neither implements it: no difference
    assert merged["totals"]["not implemented by either"] == 1


def test_markdown_lists_the_differing_cases() -> None:
    """The Markdown shows each differing case with both outcomes and the side names."""
    merged = conformance.merge(
        _report({"p01.a": "passed", "p01.b": "passed"}),
        _report({"p01.a": "passed", "p01.b": "failed"}),
    )
    result = {
        "started": "now",
        "a": {"name": "flask", "spec": "x"},
        "b": {"name": "fastapi", "spec": "y"},
        "conformance": merged,
    }
    text = markdown(result)
    assert "| `p01.b` | passed | failed | only flask |" in text
    assert "### Cases that differ (1)" in text


def _run(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "cmp"
    assert main(["--out", str(out), *args]) == 0
    assert (tmp_path / "cmp.md").read_text(encoding="utf-8").startswith("# ")
    return json.loads((tmp_path / "cmp.json").read_text(encoding="utf-8"))


def test_self_check_track_against_itself(tmp_path: Path) -> None:
    """The track against itself: every case both pass; every listed route measured on both."""
    if shutil.which("wrk") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: wrk is required (apt-get install -y wrk)")
        pytest.skip("wrk is not installed (apt-get install -y wrk): speed not checked")
    data = _run(
        tmp_path,
        "--a", SERVE, "--b", SERVE, "--rounds", "1", "--duration", "1", "--connections", "4",
        "--", "-m", "p01 or p02",
    )  # fmt: skip
    totals = data["conformance"]["totals"]
    assert totals["both pass"] > 0
    assert sum(totals.values()) - totals["both pass"] - totals["not implemented by either"] == 0
    assert data["conformance"]["differences"] == []
    routes = {r["route"]: r for r in data["speed"]["routes"]}
    # p45 is built now: its WebSocket echo is measured like the HTTP routes.
    for name in ("GET /health", "GET /p02/quotes", "GET /p14/notes", "POST /p13/notes"):
        row = routes[name]
        assert row["status"] == "measured", row
        assert row["a"]["requests"] > 0 and row["b"]["requests"] > 0
        assert row["a"]["unexpected_status"] == 0 and row["b"]["unexpected_status"] == 0, row
        assert row["ratio_median"] > 0
    echo = routes["WS /p45/ws echo"]
    assert echo["status"] == "measured", echo
    assert echo["a"]["requests"] > 0 and echo["b"]["requests"] > 0


def test_a_side_without_a_concept_shows_the_difference(tmp_path: Path) -> None:
    """B run with DISABLED_CONCEPTS=p02: p02's cases are 'not implemented by B', p01 is same."""
    data = _run(
        tmp_path,
        "--a", SERVE, "--b", f"DISABLED_CONCEPTS=p02 {SERVE}", "--no-speed",
        "--", "-m", "p01 or p02",
    )  # fmt: skip
    rows = {r["concept"]: r for r in data["conformance"]["concepts"]}
    assert rows["p01"]["same"] is True
    assert rows["p02"]["same"] is False
    assert rows["p02"]["counts"]["not implemented by B"] > 0
    assert rows["p02"]["counts"]["both pass"] == 0
    differing = {c["verdict"] for c in data["conformance"]["differences"]}
    assert differing == {"not implemented by B"}
    assert all(c["concept"] == "p02" for c in data["conformance"]["differences"])
