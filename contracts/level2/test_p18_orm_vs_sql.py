"""p18 orm-vs-sql (CATALOG Level 2): GET /p18/stats?via=orm|sql and GET /p18/compare.

The same aggregate over p17's books by either path; /compare computes both in one request
(equal), shows the SQL the ORM emitted and each path's duration.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- the aggregate `stats` is {"books","total_pages","avg_pages" (rounded to 2 decimals, null
  when there are no books),"min_pages","max_pages" (null when none),"authors" (distinct),
  "top_authors": up to 5 [{"author","books"}], most books first, ties by author};
- an optional `author` query parameter restricts both paths to that author's books (exact
  match; NUL → 422; its length limit is the implementation's): this is what lets the suite
  check the numbers under a shared, growing table. `via` is `orm` (the default) or `sql`;
  anything else → 422 naming via;
- GET /p18/stats answers {"via","stats","duration_ms","sql":[statements sent]};
- GET /p18/compare answers {"equal", "orm": {"stats","duration_ms","sql"}, "sql": {…}}, both
  computed on one snapshot, so they are equal even while other clients insert books.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contracts.harness import case, describe, expect_json, expect_status, expect_validation_error

STATS_FIELDS = ("books", "total_pages", "avg_pages", "min_pages", "max_pages", "authors")


def isbn13(seed: str) -> str:
    """A valid, run-unique ISBN-13 (979 prefix) derived from a unique token."""
    body = "979" + str(int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 10**9).zfill(9)
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def add_books(api: httpx.Client, unique: Callable[[], str], author: str, pages: list[int]):
    for count in pages:
        token = unique()
        payload = {"title": f"t {token}", "author": author, "isbn": isbn13(token), "pages": count}
        expect_status(api.post("/p17/books", json=payload), 201)


def expect_stats(response: httpx.Response, stats: Any) -> dict[str, Any]:
    """A stats object with every field."""
    assert isinstance(stats, dict), describe(response, "a stats object")
    missing = [name for name in (*STATS_FIELDS, "top_authors") if name not in stats]
    assert not missing, describe(response, f"stats fields (missing {missing})")
    return stats


def known_author(api: httpx.Client, unique: Callable[[], str]) -> tuple[str, dict[str, Any]]:
    """A fresh author with books of 100, 200 and 301 pages, and the stats they must give."""
    author = f"Author {unique()}"
    add_books(api, unique, author, [100, 200, 301])
    return author, {
        "books": 3,
        "total_pages": 601,
        "avg_pages": 200.33,
        "min_pages": 100,
        "max_pages": 301,
        "authors": 1,
        "top_authors": [{"author": author, "books": 3}],
    }


@case("p18.stats-known-answer")
@pytest.mark.parametrize("via", [pytest.param("orm", id="orm"), pytest.param("sql", id="sql")])
def test_stats_give_the_known_answer_by_each_path(api, unique, via):
    """3 books (100, 200, 301 pages) by one author → exactly those numbers, by orm and by sql."""
    author, expected = known_author(api, unique)
    response = api.get("/p18/stats", params={"via": via, "author": author})
    body = expect_json(response, 200)
    stats = expect_stats(response, body.get("stats"))
    assert stats == expected, describe(response, f"stats == {expected}")
    assert body.get("via") == via, describe(response, f"via == {via!r}")


@case("p18.stats-default-via")
def test_stats_without_via_use_the_orm(api, unique):
    """GET /p18/stats without via → 200, via == "orm", the same known answer."""
    author, expected = known_author(api, unique)
    response = api.get("/p18/stats", params={"author": author})
    body = expect_json(response, 200)
    assert body.get("via") == "orm", describe(response, 'via == "orm"')
    assert expect_stats(response, body.get("stats")) == expected, describe(
        response, f"stats == {expected}"
    )


@case("p18.stats-empty-author")
@pytest.mark.parametrize("via", [pytest.param("orm", id="orm"), pytest.param("sql", id="sql")])
def test_author_without_books_gives_zeros_and_nulls(api, unique, via):
    """An author with no books → books 0, total_pages 0, avg/min/max null, no top authors."""
    response = api.get("/p18/stats", params={"via": via, "author": f"nobody {unique()}"})
    stats = expect_stats(response, expect_json(response, 200).get("stats"))
    expected = {
        "books": 0,
        "total_pages": 0,
        "avg_pages": None,
        "min_pages": None,
        "max_pages": None,
        "authors": 0,
        "top_authors": [],
    }
    assert stats == expected, describe(response, f"stats == {expected}")


@case("p18.stats-whole-table")
@pytest.mark.parametrize("via", [pytest.param("orm", id="orm"), pytest.param("sql", id="sql")])
def test_whole_table_stats_are_consistent(api, unique, via):
    """Without author: at least the 3 new books, min <= avg <= max, authors <= books."""
    known_author(api, unique)
    response = api.get("/p18/stats", params={"via": via})
    stats = expect_stats(response, expect_json(response, 200).get("stats"))
    assert stats["books"] >= 3 and stats["authors"] >= 1, describe(response, "books >= 3")
    assert stats["authors"] <= stats["books"], describe(response, "authors <= books")
    assert stats["min_pages"] <= stats["avg_pages"] <= stats["max_pages"], describe(
        response, "min_pages <= avg_pages <= max_pages"
    )
    top = stats["top_authors"]
    assert 1 <= len(top) <= 5, describe(response, "1 to 5 top authors")
    counts = [entry.get("books") for entry in top]
    assert counts == sorted(counts, reverse=True), describe(response, "most books first")


@case("p18.compare-equal")
def test_compare_gives_equal_results(api, unique):
    """GET /p18/compare → the orm and sql stats are equal (checked here, not just `equal`)."""
    known_author(api, unique)
    response = api.get("/p18/compare")
    body = expect_json(response, 200)
    orm, sql = body.get("orm", {}), body.get("sql", {})
    orm_stats = expect_stats(response, orm.get("stats"))
    assert orm_stats == expect_stats(response, sql.get("stats")), describe(
        response, "orm.stats == sql.stats"
    )
    assert body.get("equal") is True, describe(response, "equal: true")
    assert orm_stats["books"] >= 3, describe(response, "at least the 3 new books")


@case("p18.compare-known-answer")
def test_compare_with_author_gives_the_known_answer(api, unique):
    """GET /p18/compare?author= → both paths give exactly the known numbers."""
    author, expected = known_author(api, unique)
    response = api.get("/p18/compare", params={"author": author})
    body = expect_json(response, 200)
    for path in ("orm", "sql"):
        stats = expect_stats(response, body.get(path, {}).get("stats"))
        assert stats == expected, describe(response, f"{path}.stats == {expected}")


@case("p18.compare-shows-orm-sql")
def test_compare_shows_the_sql_the_orm_emitted(api):
    """orm.sql is a non-empty list of SQL statements (strings containing SELECT)."""
    response = api.get("/p18/compare")
    statements = expect_json(response, 200).get("orm", {}).get("sql")
    assert isinstance(statements, list) and statements, describe(response, "a non-empty list")
    assert all(isinstance(s, str) and "select" in s.lower() for s in statements), describe(
        response, "every statement a string with SELECT"
    )


@case("p18.compare-durations")
def test_compare_reports_each_paths_duration(api):
    """orm.duration_ms and sql.duration_ms are non-negative numbers."""
    response = api.get("/p18/compare")
    body = expect_json(response, 200)
    for path in ("orm", "sql"):
        duration = body.get(path, {}).get("duration_ms")
        assert isinstance(duration, int | float) and not isinstance(duration, bool), describe(
            response, f"{path}.duration_ms a number"
        )
        assert duration >= 0, describe(response, f"{path}.duration_ms >= 0")


@case("p18.sql-looking-author")
@pytest.mark.parametrize(
    "author",
    [
        pytest.param("x' OR '1'='1", id="or-true"),
        pytest.param("'; DROP TABLE p17_books;--", id="drop-table"),
        pytest.param("%", id="like-wildcard"),
    ],
)
def test_sql_looking_author_is_only_a_value(api, unique, author):
    """An author filter that looks like SQL (or a LIKE wildcard) matches no book; no error."""
    response = api.get("/p18/compare", params={"author": author})
    body = expect_json(response, 200)
    for path in ("orm", "sql"):
        stats = expect_stats(response, body.get(path, {}).get("stats"))
        assert stats["books"] == 0, describe(response, f"{path}.stats.books == 0")


@case("p18.bad-arguments-422")
@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        pytest.param("/p18/stats", "via=raw", "via", id="via-unknown"),
        pytest.param("/p18/stats", "via=", "via", id="via-empty"),
        pytest.param("/p18/stats", "via=ORM", "via", id="via-uppercase"),
        pytest.param("/p18/compare", "author=a%00b", "author", id="compare-author-nul"),
    ],
)
def test_bad_arguments_are_422(api, path, query, field):
    """An unknown via, or an author with NUL → 422 naming the parameter."""
    expect_validation_error(api.get(f"{path}?{query}"), field)
