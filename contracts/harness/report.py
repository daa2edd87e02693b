"""The conformance report: one row per concept, keyed by stable case ids."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contracts.harness.ladder import CONCEPTS, CORE

PASSED, FAILED, NOT_IMPLEMENTED, SKIPPED, NO_CASES, NOT_SELECTED = (
    "passed",
    "failed",
    "not implemented",
    "skipped",
    "no contract yet",
    "not selected",
)
SUITE_DIR = Path(__file__).resolve().parents[1]


def concepts_with_contracts(suite_dir: Path = SUITE_DIR) -> set[str]:
    """The concepts (and "core") the suite has a contract file for, selected or not."""
    names = [p.name for p in suite_dir.glob("*/test_*.py")]
    return {n.split("_")[1] for n in names if n.startswith(("test_p", "test_core_"))}


@dataclass
class CaseResult:
    case_id: str
    concept: str
    nodeid: str
    outcome: str = PASSED
    duration_s: float = 0.0
    reason: str = ""


@dataclass
class Report:
    target: str
    started: float = field(default_factory=time.time)
    implementation: str | None = None
    cases: dict[str, CaseResult] = field(default_factory=dict)
    with_contracts: set[str] = field(default_factory=concepts_with_contracts)

    def record(
        self,
        *,
        nodeid: str,
        case_id: str,
        concept: str,
        outcome: str | None,
        duration: float,
        not_implemented: bool,
        reason: str = "",
    ) -> None:
        """Add one phase (setup/call/teardown) of a case; outcome None only adds its time."""
        result = self.cases.setdefault(nodeid, CaseResult(case_id, concept, nodeid))
        result.duration_s += duration
        if outcome == "failed":
            result.outcome, result.reason = FAILED, reason
        elif outcome == "skipped" and result.outcome != FAILED:
            result.outcome = NOT_IMPLEMENTED if not_implemented else SKIPPED
            result.reason = reason

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for info in (CORE, *CONCEPTS.values()):
            cases = sorted(
                (c for c in self.cases.values() if c.concept == info.id), key=lambda c: c.case_id
            )
            counts = {
                k: sum(c.outcome == k for c in cases)
                for k in (PASSED, FAILED, NOT_IMPLEMENTED, SKIPPED)
            }
            if not cases:
                status = NOT_SELECTED if info.id in self.with_contracts else NO_CASES
            elif counts[FAILED]:
                status = FAILED
            elif counts[NOT_IMPLEMENTED] == len(cases):
                status = NOT_IMPLEMENTED
            elif counts[PASSED]:
                status = PASSED
            else:
                status = SKIPPED
            rows.append(
                {
                    "concept": info.id,
                    "slug": info.slug,
                    "title": info.title,
                    "level": info.level,
                    "status": status,
                    "counts": counts,
                    "duration_s": round(sum(c.duration_s for c in cases), 3),
                    "cases": [
                        {
                            "id": c.case_id,
                            "outcome": c.outcome,
                            "duration_s": round(c.duration_s, 3),
                            **({"reason": c.reason} if c.reason else {}),
                        }
                        for c in cases
                    ],
                }
            )
        return rows

    @property
    def partial(self) -> bool:
        """True when some concept that has a contract ran no case (`-m p07`, a path, `-k`)."""
        ran = {c.concept for c in self.cases.values()}
        return bool(self.with_contracts - ran)

    def as_dict(self) -> dict[str, Any]:
        rows = self.rows()
        totals = {
            k: sum(r["counts"][k] for r in rows) for k in (PASSED, FAILED, NOT_IMPLEMENTED, SKIPPED)
        }
        return {
            "target": self.target,
            "implementation": self.implementation,
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.started)),
            "duration_s": round(time.time() - self.started, 2),
            "partial": self.partial,
            "totals": totals,
            "concepts": rows,
        }

    def markdown(self, data: dict[str, Any]) -> str:
        icon = {
            PASSED: "✅ passed",
            FAILED: "❌ failed",
            NOT_IMPLEMENTED: "⬜ not implemented",
            SKIPPED: "⏭ skipped",
            NO_CASES: "· no contract yet",
            NOT_SELECTED: "◌ not selected",
        }
        lines = [
            f"# Conformance report: {data['implementation'] or 'unknown'} at {data['target']}",
            "",
            f"Run {data['started']}, {data['duration_s']} s. Cases: "
            + ", ".join(f"{v} {k}" for k, v in data["totals"].items())
            + "."
            + (
                " A partial run: concepts marked *not selected* did not run."
                if data["partial"]
                else ""
            ),
            "",
            "| concept | title | level | status | passed | failed | not impl. | duration (s) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in data["concepts"]:
            c = row["counts"]
            lines.append(
                f"| {row['concept']} | {row['title']} | {row['level'] or '§0'} | "
                f"{icon[row['status']]} | {c[PASSED]} | {c[FAILED]} | {c[NOT_IMPLEMENTED]} | "
                f"{row['duration_s']:.2f} |"
            )
        failed = [
            (r["concept"], k)
            for r in data["concepts"]
            for k in r["cases"]
            if k["outcome"] == FAILED
        ]
        if failed:
            lines += ["", "## Failed cases", ""]
            lines += [f"- `{case['id']}` ({concept})" for concept, case in failed]
        return "\n".join(lines) + "\n"

    def write(self, path: Path) -> tuple[Path, Path]:
        """Write PATH(.json) and .md; a partial run writes PATH.partial.* and keeps the full one."""
        data = self.as_dict()
        path.parent.mkdir(parents=True, exist_ok=True)
        json_path = path if path.suffix == ".json" else path.with_suffix(".json")
        if data["partial"]:
            json_path = json_path.with_suffix(".partial.json")
        md_path = json_path.with_suffix(".md")
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        md_path.write_text(self.markdown(data), encoding="utf-8")
        return json_path, md_path
