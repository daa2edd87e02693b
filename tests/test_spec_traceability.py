"""contracts/SPEC.md cites every contract case id, and only ids the suite has (issue 12).

Case ids are read from the `@case("...")` decorators of contracts/**/test_*.py with `ast`
(no import of the suite or of Flask); SPEC.md cites them in backticks (`p07.nul-refused`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "contracts" / "SPEC.md"
CASE_ID = re.compile(r"(?:core|p[0-9]{2})\.[a-z0-9]+(?:-[a-z0-9]+)*")
CITED = re.compile(r"`((?:core|p[0-9]{2})\.[a-z0-9]+(?:-[a-z0-9]+)*)`")


def suite_case_ids() -> dict[str, str]:
    """Every case id of the suite, mapped to the file that declares it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "contracts").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                if not (
                    isinstance(decorator, ast.Call)
                    and isinstance(decorator.func, ast.Name)
                    and decorator.func.id == "case"
                ):
                    continue
                args = decorator.args
                assert len(args) == 1 and isinstance(args[0], ast.Constant), (
                    f"{path}:{node.lineno}: @case() needs one literal id (this test reads them)"
                )
                case_id = str(args[0].value)
                assert CASE_ID.fullmatch(case_id), f"{path}:{node.lineno}: bad id {case_id!r}"
                found[case_id] = str(path.relative_to(ROOT))
    return found


def spec_citations(text: str) -> set[str]:
    return set(CITED.findall(text))


def test_the_suite_has_case_ids():
    """The parser finds the suite's cases (a broken parser must not pass vacuously)."""
    ids = suite_case_ids()
    assert len(ids) > 300 and "core.health-ok" in ids and "p07.unknown-field-rejected" in ids


def test_every_case_id_is_cited_in_the_spec():
    """Each case of the suite checks a rule written in contracts/SPEC.md."""
    cited = spec_citations(SPEC.read_text(encoding="utf-8"))
    missing = {cid: where for cid, where in suite_case_ids().items() if cid not in cited}
    assert not missing, f"case ids not cited in contracts/SPEC.md: {sorted(missing.items())}"


def test_the_spec_cites_only_existing_case_ids():
    """SPEC.md names no case the suite does not have (a renamed or removed case)."""
    unknown = spec_citations(SPEC.read_text(encoding="utf-8")) - set(suite_case_ids())
    assert not unknown, f"contracts/SPEC.md cites case ids the suite lacks: {sorted(unknown)}"


def test_the_check_fails_when_an_id_is_dropped():
    """Removing one citation from the spec text is caught (the check can fail)."""
    text = SPEC.read_text(encoding="utf-8")
    victim = "p07.unknown-field-rejected"
    assert f"`{victim}`" in text
    assert victim not in spec_citations(text.replace(f"`{victim}`", ""))
