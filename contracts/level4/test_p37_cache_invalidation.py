"""p37 cache-invalidation (CATALOG Level 4): cached articles, never stale after a write.

POST /p37/articles, GET/PUT/DELETE /p37/articles/{id}. Under contracts-pg two workers share
Redis: "the next GET" may land on either worker, so every rule here holds on every worker.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from contracts.harness import (
    aware_time,
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
    header_value,
)
from contracts.harness.http import make_client
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS

FIELDS = ("id", "title", "body", "created_at", "updated_at")


def create(api: httpx.Client, unique, **overrides: Any) -> dict[str, Any]:
    """POST /p37/articles that must succeed; the article."""
    payload = {"title": f"Article {unique()}", "body": f"First text {unique()}", **overrides}
    response = api.post("/p37/articles", json=payload)
    return expect_json(response, 201)


def expect_article(response: httpx.Response, title: str, body: str, outcome: str | None) -> None:
    """200 with this title and body (and X-Cache `outcome` when given)."""
    article = expect_json(response, 200)
    assert article.get("title") == title and article.get("body") == body, describe(
        response, f"title {title!r} and body {body!r}"
    )
    if outcome is not None:
        assert header_value(response, "x-cache") == outcome, describe(
            response, f"X-Cache: {outcome}"
        )


def many_gets(base_url: str, path: str, count: int = 20) -> list[httpx.Response]:
    """`count` concurrent GETs, each on its own connection (any worker)."""
    start = threading.Barrier(count)

    def one(_: int) -> httpx.Response:
        with make_client(base_url) as client:
            start.wait(timeout=10)
            return client.get(path)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


@case("p37.create-201")
def test_create_answers_201_with_the_article(api, unique):
    """POST /p37/articles {"title","body"} → 201 the article (id, title, body, created_at,
    updated_at with offsets) and a Location that reads it back."""
    title, text = f"T {unique()}", f"B {unique()}"
    response = api.post("/p37/articles", json={"title": title, "body": text})
    article = expect_json(response, 201)
    missing = [name for name in FIELDS if name not in article]
    assert not missing, describe(response, f"fields {FIELDS} (missing {missing})")
    assert isinstance(article["id"], int) and article["id"] >= 1, describe(response, "an int id")
    for name in ("created_at", "updated_at"):
        assert aware_time(article[name]), describe(response, f"{name} with a UTC offset")
    location = urljoin(str(response.url), header_value(response, "location"))
    expect_article(api.get(location), title, text, None)


@case("p37.get-miss-then-hit")
def test_get_is_a_miss_then_a_hit(api, unique):
    """GET /p37/articles/{id} → 200 X-Cache: MISS, then the same article with HIT."""
    article = create(api, unique)
    path = f"/p37/articles/{article['id']}"
    expect_article(api.get(path), article["title"], article["body"], "MISS")
    expect_article(api.get(path), article["title"], article["body"], "HIT")


@case("p37.put-next-get-miss")
def test_after_a_put_the_next_get_is_a_miss_with_the_new_content(api, unique):
    """Cached (HIT), then PUT {"title","body"} → 200 the new article; the next GET → MISS
    with the new content, then HIT with it."""
    article = create(api, unique)
    path = f"/p37/articles/{article['id']}"
    api.get(path)
    expect_article(api.get(path), article["title"], article["body"], "HIT")
    title, text = f"New {unique()}", f"New body {unique()}"
    expect_article(api.put(path, json={"title": title, "body": text}), title, text, None)
    expect_article(api.get(path), title, text, "MISS")
    expect_article(api.get(path), title, text, "HIT")


@case("p37.put-every-worker-new")
def test_after_a_put_20_concurrent_gets_all_see_the_new_content(target, api, unique):
    """Cached on every worker (20 concurrent GETs), PUT answered → 20 concurrent GETs all 200
    with the new content: no worker keeps an old copy."""
    article = create(api, unique)
    path = f"/p37/articles/{article['id']}"
    for response in many_gets(target.base_url, path):
        expect_article(response, article["title"], article["body"], None)
    title, text = f"New {unique()}", f"New body {unique()}"
    expect_status(api.put(path, json={"title": title, "body": text}), 200)
    for response in many_gets(target.base_url, path):
        expect_article(response, title, text, None)


@case("p37.no-stale-read-after-put")
def test_readers_racing_a_put_never_see_old_content_after_it_answered(target, api, unique):
    """8 readers GET in a loop while a PUT runs: every GET sent after the PUT answered → the
    new content (a reader that was slow before the PUT must not put the old copy back)."""
    article = create(api, unique)
    path = f"/p37/articles/{article['id']}"
    title, text = f"New {unique()}", f"New body {unique()}"
    answered = threading.Event()
    late: list[httpx.Response] = []
    deadline = time.monotonic() + 30  # a bound, should the PUT never answer

    def reader(_: int) -> None:
        with make_client(target.base_url) as client:
            # Read until 30 GETs were sent after the PUT answered (readers share `late`).
            while len(late) < 30 and time.monotonic() < deadline:
                sent_after = answered.is_set()
                response = client.get(path)
                if sent_after:
                    late.append(response)

    with ThreadPoolExecutor(8) as pool:
        readers = [pool.submit(reader, i) for i in range(8)]
        time.sleep(0.3)  # the readers are cycling through MISS/HIT of the old content
        with make_client(target.base_url) as writer:
            put = writer.put(path, json={"title": title, "body": text})
        answered.set()
        for future in readers:
            future.result(timeout=60)
    expect_status(put, 200)
    assert late, "no GET was sent after the PUT answered (the readers stopped too early)"
    for response in late:
        expect_article(response, title, text, None)


@case("p37.delete-next-get-404")
def test_after_a_delete_the_next_get_is_404(target, api, unique):
    """Cached, then DELETE → 204; every GET after it (20 concurrent, any worker) → 404
    not-found, never a stale 200."""
    article = create(api, unique)
    path = f"/p37/articles/{article['id']}"
    api.get(path)
    expect_article(api.get(path), article["title"], article["body"], "HIT")
    expect_status(api.delete(path), 204)
    expect_problem(api.get(path), 404, "not-found")
    for response in many_gets(target.base_url, path):
        expect_problem(response, 404, "not-found")


@case("p37.missing-404")
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_an_unknown_article_is_404(api, method):
    """GET, PUT (valid body) or DELETE of an id that does not exist → 404 not-found."""
    response = api.request(
        method,
        f"/p37/articles/{MAX_ID}",
        json={"title": "t", "body": "b"} if method == "PUT" else None,
    )
    expect_problem(response, 404, "not-found")


@case("p37.bad-id-404")
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_a_malformed_id_is_404(api, raw):
    """An id that is not a plain non-negative 64-bit integer → 404 not-found (§0.6)."""
    expect_problem(api.get(f"/p37/articles/{raw}"), 404, "not-found")


BAD_BODIES = [
    pytest.param({"body": "b"}, "title", id="title-missing"),
    pytest.param({"title": "t"}, "body", id="body-missing"),
    pytest.param({"title": 5, "body": "b"}, "title", id="title-not-a-string"),
    pytest.param({"title": "t", "body": None}, "body", id="body-null"),
    pytest.param({"title": "   ", "body": "b"}, "title", id="title-blank"),
    pytest.param({"title": "t\u0000", "body": "b"}, "title", id="title-nul"),
    pytest.param({"title": "t", "body": "b", "views": 1}, "views", id="unknown-field"),
]


@case("p37.create-invalid-422")
@pytest.mark.parametrize(("payload", "field"), BAD_BODIES)
def test_an_invalid_new_article_is_422(api, payload, field):
    """POST with a missing, mistyped, blank, NUL-holding or unknown field → 422 naming it."""
    expect_validation_error(api.post("/p37/articles", json=payload), field)


@case("p37.put-invalid-422")
@pytest.mark.parametrize(("payload", "field"), BAD_BODIES)
def test_an_invalid_replacement_is_422_and_changes_nothing(api, unique, payload, field):
    """PUT with an invalid body → 422 naming the field; the article is unchanged."""
    article = create(api, unique)
    path = f"/p37/articles/{article['id']}"
    expect_validation_error(api.put(path, json=payload), field)
    expect_article(api.get(path), article["title"], article["body"], None)


@case("p37.not-json-415")
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_a_body_that_is_not_json_is_415(api, unique, method):
    """POST or PUT with a text/plain body → 415 unsupported-media-type."""
    path = "/p37/articles"
    if method == "PUT":
        path = f"/p37/articles/{create(api, unique)['id']}"
    response = api.request(method, path, content=b"title", headers={"Content-Type": "text/plain"})
    expect_problem(response, 415, "unsupported-media-type")
