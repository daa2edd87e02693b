"""The compare report as Markdown: conformance by concept, the cases that differ, speed."""

from __future__ import annotations

from typing import Any

from contracts.compare.conformance import (
    BOTH,
    MISSING,
    NEITHER,
    NI_A,
    NI_B,
    NI_BOTH,
    ONLY_A,
    ONLY_B,
    OTHER,
)


def _conformance(data: dict[str, Any], a: str, b: str) -> list[str]:
    totals = data["totals"]
    lines = [
        "## Conformance",
        "",
        "Cases: " + ", ".join(f"{n} {v}" for v, n in totals.items() if n) + ".",
        "",
        f"| concept | title | {a} | {b} | both pass | only {a} | only {b} | neither "
        "| not impl. | other | same |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in data["concepts"]:
        c = row["counts"]
        lines.append(
            f"| {row['concept']} | {row['title']} | {row['a']} | {row['b']} | {c[BOTH]} | "
            f"{c[ONLY_A]} | {c[ONLY_B]} | {c[NEITHER]} | {c[NI_A] + c[NI_B] + c[NI_BOTH]} | "
            f"{c[OTHER] + c[MISSING]} | {'yes' if row['same'] else '**no**'} |"
        )
    diffs = data["differences"]
    lines += ["", f"### Cases that differ ({len(diffs)})", ""]
    if not diffs:
        lines.append("None: every case that ran has the same outcome on both sides.")
    else:
        lines += [f"| case | {a} | {b} | verdict |", "|---|---|---|---|"]
        names = {ONLY_A: f"only {a}", ONLY_B: f"only {b}", NI_A: f"not implemented by {a}"}
        names[NI_B] = f"not implemented by {b}"
        for case in diffs:
            verdict = names.get(case["verdict"], case["verdict"])
            lines.append(f"| `{case['id']}` | {case['a']} | {case['b']} | {verdict} |")
    return lines


def _speed(data: dict[str, Any], a: str, b: str) -> list[str]:
    if "skipped" in data:
        return ["## Speed", "", f"Skipped: {data['skipped']}."]
    load = data["load"]
    lines = [
        "## Speed",
        "",
        f"{load['generator']}: {load['threads']} threads, {load['connections']} connections, "
        f"{load['duration_s']:.0f} s per run (cap {load['max_requests']} requests), "
        f"{load['rounds']} rounds of {a} then {b}. Medians over rounds; the ratio's spread is "
        "its lowest and highest round.",
        "",
        f"| route | {a} req/s | {b} req/s | {b}/{a} (spread) | {a} p50 / p99 ms "
        f"| {b} p50 / p99 ms | note |",
        "|---|---:|---:|---|---|---|---|",
    ]
    for row in data["routes"]:
        if row["status"] != "measured":
            lines.append(f"| {row['route']} | - | - | - | - | - | skipped: {row['note']} |")
            continue
        sa, sb = row["a"], row["b"]
        notes = []
        for label, side in ((a, sa), (b, sb)):
            if side["unexpected_status"] or side["socket_errors"]:
                notes.append(
                    f"{label}: {side['unexpected_status']} wrong status, "
                    f"{side['socket_errors']} socket errors"
                )
            if side["capped"]:
                notes.append(f"{label} hit the request cap (req/s is a lower bound)")
        lines.append(
            f"| {row['route']} | {sa['rps']:.0f} | {sb['rps']:.0f} | {row['ratio_median']:.2f} "
            f"({row['ratio_min']:.2f}-{row['ratio_max']:.2f}) | {sa['p50_ms']:.2f} / "
            f"{sa['p99_ms']:.2f} | {sb['p50_ms']:.2f} / {sb['p99_ms']:.2f} | "
            f"{'; '.join(notes)} |"
        )
    return lines


def markdown(result: dict[str, Any]) -> str:
    """The whole report."""
    a, b = result["a"]["name"], result["b"]["name"]
    lines = [
        f"# {a} vs {b}",
        "",
        f"Run {result['started']}.",
    ]
    for side in ("a", "b"):
        info = result[side]
        lines.append(f"- {info['name']}: `{info['spec']}` ({info.get('implementation') or '?'})")
    if result.get("pytest_args"):
        lines.append(f"- suite arguments: `{' '.join(result['pytest_args'])}`")
    lines.append("")
    if "conformance" in result:
        lines += [*_conformance(result["conformance"], a, b), ""]
    if "speed" in result:
        lines += [*_speed(result["speed"], a, b), ""]
    return "\n".join(lines)
