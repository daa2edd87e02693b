"""ladder.toml and the tree agree: every built concept has its package, contract, page and spec.

Files only (no app): a concept package, contract file, client page or e2e spec without a built
row fails, and so does a built row missing any of them.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
LADDER = "ladder.toml"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

# Where each kind of per-concept file lives: a glob from the root, and how to get `pNN_slug`
# from a match. The globs only see names starting with `p` + two digits.
KINDS: dict[str, tuple[str, str]] = {
    "concept package": ("flask_track/concepts/p[0-9][0-9]_*/", ""),
    "contract file": ("contracts/level*/test_p[0-9][0-9]_*.py", "test_"),
    "client page": ("clients/src/concepts/p[0-9][0-9]_*.tsx", ""),
    "e2e spec": ("clients/e2e/p[0-9][0-9]_*.spec.ts", ""),
}


def load_rows(root: Path) -> list[dict[str, Any]]:
    """The `[[concept]]` tables of the ladder file, in file order."""
    with (root / LADDER).open("rb") as fh:
        return tomllib.load(fh)["concept"]


def stem(path: Path) -> str:
    """`pNN_slug` of a per-concept file: its name without test_ prefix or suffixes."""
    name = path.name.removeprefix("test_")
    return name.split(".", 1)[0]


def artifacts(root: Path, kind: str) -> list[Path]:
    """Every file (or package directory) of one kind, a client unit test aside."""
    pattern, _ = KINDS[kind]
    found = sorted(root.glob(pattern))
    if kind == "concept package":
        return [p for p in found if p.is_dir()]
    return [p for p in found if not p.name.endswith((".test.tsx", ".test.ts"))]


def problems(root: Path) -> list[str]:
    """Every disagreement between the built rows of the ladder and the per-concept files."""
    rows = load_rows(root)
    built = {row["id"]: row for row in rows if not row.get("planned", False)}
    planned = {row["id"] for row in rows if row.get("planned", False)}
    found: list[str] = []
    for kind in KINDS:
        have: dict[str, list[Path]] = {}
        for path in artifacts(root, kind):
            have.setdefault(stem(path)[:3], []).append(path)
        for concept_id, paths in sorted(have.items()):
            shown = ", ".join(str(p.relative_to(root)) for p in paths)
            if concept_id in planned:
                found.append(f"{kind} {shown}: {concept_id} is planned = true in {LADDER}")
                continue
            row = built.get(concept_id)
            if row is None:
                found.append(f"{kind} {shown}: {concept_id} has no row in {LADDER}")
                continue
            expected = f"{concept_id}_{row['slug'].replace('-', '_')}"
            for path in paths:
                if stem(path) != expected:
                    found.append(
                        f"{kind} {path.relative_to(root)}: named {stem(path)!r}, "
                        f"the ladder row says {expected!r}"
                    )
            if kind == "contract file":
                for path in paths:
                    if path.parent.name != f"level{row['level']}":
                        found.append(
                            f"contract file {path.relative_to(root)}: {concept_id} is "
                            f"level {row['level']}, so it belongs in contracts/level{row['level']}/"
                        )
        for concept_id in sorted(built.keys() - have.keys()):
            found.append(f"{concept_id} is built in {LADDER} but has no {kind} ({KINDS[kind][0]})")
    return found


def test_every_concept_file_has_a_built_row_and_every_built_row_all_files() -> None:
    """Packages, contract files, client pages and e2e specs match the built rows of ladder.toml."""
    found = problems(ROOT)
    assert found == [], "\n".join(found)


def test_ids_are_p01_to_p50_in_order() -> None:
    """The ladder lists p01..p50, each once, in order."""
    ids = [row["id"] for row in load_rows(ROOT)]
    assert ids == [f"p{n:02d}" for n in range(1, 51)]


def test_levels_are_one_to_five_in_steps_of_ten() -> None:
    """p01-p10 are level 1, p11-p20 level 2, ..., p41-p50 level 5."""
    wrong = [
        (row["id"], row["level"])
        for n, row in enumerate(load_rows(ROOT))
        if row["level"] != n // 10 + 1
    ]
    assert wrong == []


def test_titles_and_slugs_are_unique() -> None:
    """No two concepts share a title or a slug."""
    rows = load_rows(ROOT)
    for field in ("title", "slug"):
        repeated = [value for value, n in Counter(row[field] for row in rows).items() if n > 1]
        assert repeated == [], f"{field}s used twice: {repeated}"


def test_rows_have_their_fields_with_the_right_types() -> None:
    """Each row: kebab-case slug, title and summary text, integer level, optional bool planned."""
    wrong = []
    for row in load_rows(ROOT):
        ok = (
            SLUG.fullmatch(str(row.get("slug", "")))
            and all(isinstance(row.get(f), str) and row[f].strip() for f in ("title", "summary"))
            and type(row.get("level")) is int
            and isinstance(row.get("planned", False), bool)
            and set(row) <= {"id", "slug", "title", "level", "summary", "planned"}
        )
        if not ok:
            wrong.append(row)
    assert wrong == []


# The checker itself, on a copy of the tree's shape in tmp_path: it must see a gap both ways.


def build_tree(root: Path, ladder_text: str) -> None:
    """Write `ladder_text` and an empty file of every kind for each of its built rows."""
    (root / LADDER).write_text(ladder_text, encoding="utf-8")
    for row in load_rows(root):
        if row.get("planned", False):
            continue
        name = f"{row['id']}_{row['slug'].replace('-', '_')}"
        (root / "flask_track/concepts" / name).mkdir(parents=True)
        for path in (
            f"contracts/level{row['level']}/test_{name}.py",
            f"clients/src/concepts/{name}.tsx",
            f"clients/e2e/{name}.spec.ts",
        ):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).touch()


def without_row(ladder_text: str, concept_id: str) -> str:
    """The ladder text with the `[[concept]]` table of one id cut out."""
    header, *tables = ladder_text.split("[[concept]]\n")
    kept = [t for t in tables if f'id = "{concept_id}"\n' not in t]
    assert len(kept) == len(tables) - 1, f"no table for {concept_id}"
    return "[[concept]]\n".join([header, *kept])


@pytest.fixture
def ladder_text() -> str:
    return (ROOT / LADDER).read_text(encoding="utf-8")


def test_checker_passes_a_tree_that_matches(tmp_path: Path, ladder_text: str) -> None:
    """A tree with exactly the files of the built rows has no problem."""
    build_tree(tmp_path, ladder_text)
    assert problems(tmp_path) == []


def test_checker_sees_files_without_a_row(tmp_path: Path, ladder_text: str) -> None:
    """Removing a built row leaves its four files without a row: four problems."""
    build_tree(tmp_path, ladder_text)
    (tmp_path / LADDER).write_text(without_row(ladder_text, "p07"), encoding="utf-8")
    found = problems(tmp_path)
    assert len(found) == 4 and all("p07 has no row" in p for p in found), found


def test_checker_sees_a_package_of_a_planned_concept(tmp_path: Path, ladder_text: str) -> None:
    """A package directory for a planned concept is a problem."""
    # p43 made planned here, whatever the real ladder says, so the case outlives its build.
    header, *tables = ladder_text.split("[[concept]]\n")
    tables = [
        t.replace("planned = true\n", "") + "planned = true\n" if 'id = "p43"\n' in t else t
        for t in tables
    ]
    build_tree(tmp_path, "[[concept]]\n".join([header, *tables]))
    (tmp_path / "flask_track/concepts/p43_config_envs").mkdir()
    assert problems(tmp_path) == [
        "concept package flask_track/concepts/p43_config_envs: p43 is planned = true in ladder.toml"
    ]


def test_checker_sees_a_missing_file_and_a_wrong_name(tmp_path: Path, ladder_text: str) -> None:
    """A built row without its e2e spec, and a page named after another slug, are problems."""
    build_tree(tmp_path, ladder_text)
    (tmp_path / "clients/e2e/p02_json_response.spec.ts").unlink()
    (tmp_path / "clients/src/concepts/p03_json_body.tsx").rename(
        tmp_path / "clients/src/concepts/p03_json_request_body.tsx"
    )
    assert problems(tmp_path) == [
        "client page clients/src/concepts/p03_json_request_body.tsx: named "
        "'p03_json_request_body', the ladder row says 'p03_json_body'",
        "p02 is built in ladder.toml but has no e2e spec (clients/e2e/p[0-9][0-9]_*.spec.ts)",
    ]
