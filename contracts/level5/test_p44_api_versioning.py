"""p44 api-versioning (CATALOG Level 5): one resource in two versions; v1 is being retired.

Rules checked (contracts/SPEC.md §p44): v1 answers `{"id","name"}` with `Deprecation`
(RFC 9745, `@<epoch seconds>`), `Sunset` (RFC 8594, an HTTP-date not earlier than the
deprecation) and `Link: <…/p44/v2/users/{id}>; rel="successor-version"`; v2 answers
`{"id","first_name","last_name"}` and none of those headers; both versions describe the same
user (v1's name is v2's first and last name joined by one space); v3 does not exist.
Fixed data: users 1, 2 and 3 exist.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from contracts.harness import case, describe, expect_json, expect_problem, header_value
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS

USERS = [pytest.param(n, id=f"user-{n}") for n in (1, 2, 3)]
VERSIONS = [pytest.param("v1", id="v1"), pytest.param("v2", id="v2")]
# RFC 9745 §2.1: Deprecation is an sf-date, "@" followed by an integer number of seconds.
SF_DATE = re.compile(r"^@-?[0-9]{1,15}$")
# RFC 8288 link-value: <target>; params (one or more, comma-separated).
LINK_VALUE = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")


def non_empty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def links(header: str | None) -> list[tuple[str, set[str]]]:
    """The (target, rel values) pairs of a Link header."""
    found = []
    for target, params in LINK_VALUE.findall(header or ""):
        rels: set[str] = set()
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "rel":
                rels.update(value.strip().strip('"').lower().split())
        found.append((target, rels))
    return found


def deprecated_at(response) -> datetime:
    """The instant of the Deprecation header, checked to be an sf-date."""
    value = header_value(response, "Deprecation")
    assert SF_DATE.fullmatch(value.strip()), describe(
        response, 'a Deprecation header "@<epoch seconds>" (RFC 9745)'
    )
    return datetime.fromtimestamp(int(value.strip()[1:]), UTC)


@case("p44.v1-shape")
@pytest.mark.parametrize("user_id", USERS)
def test_v1_answers_id_and_name(api, user_id):
    """GET /p44/v1/users/{id} → 200 {"id": that id, "name": a non-empty string}."""
    response = api.get(f"/p44/v1/users/{user_id}")
    body = expect_json(response, 200)
    assert isinstance(body, dict) and body.get("id") == user_id, describe(
        response, f"id == {user_id}"
    )
    assert non_empty_str(body.get("name")), describe(response, "a non-empty name")


@case("p44.v1-deprecation")
def test_v1_carries_a_deprecation_date(api):
    """v1 answers carry `Deprecation: @<epoch seconds>` (RFC 9745)."""
    deprecated_at(api.get("/p44/v1/users/1"))


@case("p44.v1-sunset-not-before-deprecation")
def test_v1_sunset_is_an_http_date_not_before_the_deprecation(api):
    """v1 answers carry `Sunset: <HTTP-date>` (RFC 8594), not earlier than `Deprecation`."""
    response = api.get("/p44/v1/users/1")
    since = deprecated_at(response)
    value = header_value(response, "Sunset")
    try:
        sunset = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        sunset = None
    assert sunset is not None and sunset.tzinfo is not None, describe(
        response, "Sunset as an HTTP-date (e.g. 'Thu, 01 Jul 2027 00:00:00 GMT')"
    )
    assert sunset >= since, describe(response, f"Sunset {sunset} not before Deprecation {since}")


@case("p44.v1-successor-link")
@pytest.mark.parametrize("user_id", USERS)
def test_v1_links_to_the_same_user_in_v2(api, user_id):
    """v1 has `Link: <…/p44/v2/users/{id}>; rel="successor-version"`, and that URL answers."""
    response = api.get(f"/p44/v1/users/{user_id}")
    expect_json(response, 200)
    successors = [
        t for t, rels in links(header_value(response, "Link")) if "successor-version" in rels
    ]
    assert len(successors) == 1, describe(response, 'one Link with rel="successor-version"')
    target = urljoin(str(response.request.url), successors[0])
    assert urlsplit(target).path == f"/p44/v2/users/{user_id}", describe(
        response, f"the successor resolves to /p44/v2/users/{user_id}, not {target}"
    )
    followed = api.get(target)
    body = expect_json(followed, 200)
    assert isinstance(body, dict) and body.get("id") == user_id, describe(
        followed, f"the successor answers user {user_id}"
    )


@case("p44.v2-shape")
@pytest.mark.parametrize("user_id", USERS)
def test_v2_answers_first_and_last_name(api, user_id):
    """GET /p44/v2/users/{id} → 200 {"id", "first_name", "last_name"} (non-empty strings)."""
    response = api.get(f"/p44/v2/users/{user_id}")
    body = expect_json(response, 200)
    assert isinstance(body, dict) and body.get("id") == user_id, describe(
        response, f"id == {user_id}"
    )
    for member in ("first_name", "last_name"):
        assert non_empty_str(body.get(member)), describe(response, f"a non-empty {member}")


@case("p44.v2-not-deprecated")
def test_v2_carries_no_deprecation_headers(api):
    """v2 is current: no `Deprecation`, no `Sunset`, no successor-version Link."""
    response = api.get("/p44/v2/users/1")
    expect_json(response, 200)
    for name in ("Deprecation", "Sunset"):
        assert response.headers.get(name) is None, describe(response, f"no {name} header")
    assert not any(
        "successor-version" in rels for _, rels in links(response.headers.get("Link"))
    ), describe(response, 'no rel="successor-version" Link')


@case("p44.same-user-both-versions")
@pytest.mark.parametrize("user_id", USERS)
def test_both_versions_describe_the_same_user(api, user_id):
    """v1's `name` is v2's `first_name` and `last_name` joined by one space."""
    v1 = expect_json(api.get(f"/p44/v1/users/{user_id}"), 200)
    response = api.get(f"/p44/v2/users/{user_id}")
    v2 = expect_json(response, 200)
    expected = f"{v2.get('first_name')} {v2.get('last_name')}"
    assert v1.get("name") == expected, describe(
        response, f"v1 name {v1.get('name')!r} == {expected!r}"
    )


@case("p44.v3-404")
def test_an_unknown_version_is_404(api):
    """`/p44/v3/users/{id}`: no such version → 404 not-found."""
    expect_problem(api.get("/p44/v3/users/1"), 404, "not-found")


@case("p44.unknown-user-404")
@pytest.mark.parametrize("version", VERSIONS)
def test_an_unknown_user_is_404_in_every_version(api, version):
    """A well-formed id that names no user (2^63-1) → 404 not-found, in v1 and v2."""
    expect_problem(api.get(f"/p44/{version}/users/{MAX_ID}"), 404, "not-found")


@case("p44.non-integer-id-404")
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_a_malformed_id_is_404_in_every_version(api, version, raw):
    """A user id that is not plain digits within 64 bits → 404 not-found (§0), never 422/500."""
    expect_problem(api.get(f"/p44/{version}/users/{raw}"), 404, "not-found")
