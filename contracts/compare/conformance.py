"""Conformance side by side: the suite's `--contract-report` of A and of B, merged by case id."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from contracts.harness.ladder import CONCEPTS, CORE
from contracts.harness.report import FAILED, NOT_IMPLEMENTED, PASSED

ROOT = Path(__file__).resolve().parents[2]  # the folder that holds contracts/

BOTH, ONLY_A, ONLY_B, NEITHER = "both pass", "only A", "only B", "neither"
NI_A, NI_B, NI_BOTH = "not implemented by A", "not implemented by B", "not implemented by either"
MISSING, OTHER = "not run on one side", "skipped"
VERDICTS = (BOTH, ONLY_A, ONLY_B, NEITHER, NI_A, NI_B, NI_BOTH, OTHER, MISSING)


class SuiteError(RuntimeError):
    """The suite could not run against a side (bad target, no report written)."""


def target_args(spec: str) -> list[str]:
    """The suite's target options for one side: a URL or a --serve command."""
    if spec.startswith(("http://", "https://")):
        return ["--base-url", spec]
    return ["--serve", spec]


def run_suite(spec: str, report: Path, extra: list[str]) -> dict[str, Any]:
    """Run the contract suite against one side and return its report (the JSON document)."""
    # A run narrowed with -m/-k is written as PATH.partial.json (the harness keeps a full
    # report apart from a partial one): read whichever this run wrote.
    partial = report.with_suffix(".partial.json")
    report.unlink(missing_ok=True)
    partial.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "contracts",
        "-q",
        "-p",
        "no:cacheprovider",
        *target_args(spec),
        "--contract-report",
        str(report),
        *extra,
    ]
    log = report.with_suffix(".log")
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
    written = partial if partial.exists() else report
    # pytest: 0 all passed, 1 some failed; anything else means the run itself went wrong.
    if done.returncode not in (0, 1) or not written.exists():
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:])
        raise SuiteError(
            f"the suite did not run against {spec!r} (exit {done.returncode}):\n{tail}"
        )
    return json.loads(written.read_text(encoding="utf-8"))


def _outcomes(report: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """case id -> (concept, outcome) of one report."""
    return {
        case["id"]: (row["concept"], case["outcome"])
        for row in report["concepts"]
        for case in row["cases"]
    }


def verdict(a: str | None, b: str | None) -> str:
    """How one case compares: outcomes of A and B (None: the case did not run there)."""
    if a is None or b is None:
        return MISSING
    if a == NOT_IMPLEMENTED or b == NOT_IMPLEMENTED:
        if a == b:
            return NI_BOTH
        return NI_A if a == NOT_IMPLEMENTED else NI_B
    table = {
        (PASSED, PASSED): BOTH,
        (PASSED, FAILED): ONLY_A,
        (FAILED, PASSED): ONLY_B,
        (FAILED, FAILED): NEITHER,
    }
    return table.get((a, b), OTHER)


def merge(report_a: dict[str, Any], report_b: dict[str, Any]) -> dict[str, Any]:
    """One side-by-side table: per concept the verdict counts, and every case that differs."""
    cases_a, cases_b = _outcomes(report_a), _outcomes(report_b)
    status_a = {r["concept"]: r["status"] for r in report_a["concepts"]}
    status_b = {r["concept"]: r["status"] for r in report_b["concepts"]}
    cases = []
    for case_id in sorted(cases_a.keys() | cases_b.keys()):
        concept = (cases_a.get(case_id) or cases_b[case_id])[0]
        a = cases_a.get(case_id, (concept, None))[1]
        b = cases_b.get(case_id, (concept, None))[1]
        cases.append({"id": case_id, "concept": concept, "a": a, "b": b, "verdict": verdict(a, b)})
    concepts = []
    for info in (CORE, *CONCEPTS.values()):
        mine = [c for c in cases if c["concept"] == info.id]
        if not mine:
            continue
        counts = Counter(c["verdict"] for c in mine)
        concepts.append(
            {
                "concept": info.id,
                "title": info.title,
                "level": info.level,
                "a": status_a.get(info.id),
                "b": status_b.get(info.id),
                "counts": {v: counts.get(v, 0) for v in VERDICTS},
                "same": counts.get(BOTH, 0) + counts.get(NI_BOTH, 0) == len(mine),
            }
        )
    totals = Counter(c["verdict"] for c in cases)
    return {
        "totals": {v: totals.get(v, 0) for v in VERDICTS},
        "concepts": concepts,
        # Every case that is not "both pass"; concepts neither side implements are counted only.
        "differences": [c for c in cases if c["verdict"] not in (BOTH, NI_BOTH)],
    }
