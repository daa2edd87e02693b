"""p08 error-handler (CATALOG Level 1): /p08/boom, /p08/domain-error, /p08/http-error/{code}.

Choices where the catalog is silent (also in the Flask track's p08 NOTES.md):
- The exception behind /p08/boom carries the marker `SECRET-MARKER-p08` in its message (with
  a made-up password, file path and SQL), so a leak of the exception text is visible; an
  implementation should do the same for this case to mean something.
- The domain error's own `type` is any URI other than `about:blank` and the generic slugs
  (`conflict`, `internal-error`); the Flask track uses /problems/insufficient-stock.
- /p08/http-error/{code} answers named slugs for the statuses CATALOG §0 names and
  `about:blank` otherwise; a code outside 400-599 → 422 naming `code`; a code that is not
  plain digits → 404 not-found or 422 validation-error (either is accepted).
"""

from __future__ import annotations

import re

import pytest

from contracts.harness import (
    case,
    describe,
    expect_problem,
    expect_status,
    expect_validation_error,
    json_body,
    media_type,
    status_slug,
)
from contracts.harness.checks import type_matches

# What must never appear in a 500 body (CATALOG §0): the exception text, a traceback,
# file paths, SQL, secrets.
LEAK_PATTERNS = {
    "the exception text": re.compile(r"SECRET-MARKER-p08", re.IGNORECASE),
    "a traceback": re.compile(r"Traceback|File \"|line [0-9]+, in ", re.IGNORECASE),
    "a source file": re.compile(r"\.py\b|\.pyc\b|\.js\b|\.java\b|\.go\b|\.rb\b"),
    "a file path": re.compile(r"/(?:srv|usr|home|opt|var|app|work|tmp|etc)/"),
    "SQL": re.compile(r"\bSELECT\b.+\bFROM\b|\bINSERT\s+INTO\b", re.IGNORECASE),
    "a secret": re.compile(r"hunter2|password=|postgres(?:ql)?://", re.IGNORECASE),
}


@case("p08.boom-500-internal-error")
def test_unexpected_exception_is_500_internal_error(api):
    """GET /p08/boom → 500 internal-error problem (with the request id to find the log)."""
    expect_problem(api.get("/p08/boom"), 500, "internal-error")


@case("p08.boom-no-leak")
@pytest.mark.parametrize("what", list(LEAK_PATTERNS), ids=lambda w: w.replace(" ", "-"))
def test_500_body_leaks_nothing(api, what):
    """The 500 body holds no exception text, traceback, file path, SQL or secret."""
    response = api.get("/p08/boom")
    expect_problem(response, 500, "internal-error")
    found = LEAK_PATTERNS[what].search(response.text)
    assert found is None, describe(response, f"no {what} in the body (found {found!r})")


@case("p08.domain-error-409")
def test_domain_error_is_409_problem_with_its_own_type(api):
    """GET /p08/domain-error → 409 problem whose type is its own, not a generic one."""
    response = api.get("/p08/domain-error")
    expect_status(response, 409)
    assert media_type(response) == "application/problem+json", describe(
        response, "Content-Type application/problem+json"
    )
    body = json_body(response)
    assert isinstance(body, dict), describe(response, "a JSON object")
    for member in ("type", "title", "detail", "request_id"):
        assert isinstance(body.get(member), str) and body[member], describe(
            response, f"a non-empty string member {member!r}"
        )
    assert body.get("status") == 409, describe(response, "member status == 409")
    assert body["request_id"] == response.headers.get("x-request-id"), describe(
        response, "request_id equal to the X-Request-ID header"
    )
    generic = [
        s for s in ("about:blank", "conflict", "internal-error") if type_matches(body["type"], s)
    ]
    assert not generic, describe(response, f"a type of its own, not the generic {generic}")


@case("p08.http-error-problem")
@pytest.mark.parametrize(
    "code",
    [
        400,
        402,
        403,
        404,
        409,
        410,
        413,
        418,
        429,
        pytest.param(499, id="499-unassigned"),
        500,
        501,
        503,
        507,
        pytest.param(599, id="599-unassigned"),
    ],
    ids=str,
)
def test_http_error_answers_that_status_as_a_problem(api, code):
    """GET /p08/http-error/{code} → that status as problem+json (named slug or about:blank)."""
    expect_problem(api.get(f"/p08/http-error/{code}"), code, status_slug(code))


@case("p08.http-error-401-www-authenticate")
def test_http_error_401_carries_www_authenticate_bearer(api):
    """GET /p08/http-error/401 → 401 problem with WWW-Authenticate: Bearer (§0)."""
    expect_problem(api.get("/p08/http-error/401"), 401, "about:blank")  # checks the challenge


@case("p08.http-error-405-allow")
def test_http_error_405_carries_allow(api):
    """GET /p08/http-error/405 → 405 method-not-allowed problem with an Allow header (§0)."""
    expect_problem(api.get("/p08/http-error/405"), 405, "method-not-allowed")  # checks Allow


@case("p08.http-error-out-of-range-422")
@pytest.mark.parametrize("code", [0, 200, 302, 399, 600, 99999], ids=str)
def test_http_error_outside_400_599_is_422(api, code):
    """GET /p08/http-error/{code} outside 400-599 → 422 validation-error naming `code`."""
    expect_validation_error(api.get(f"/p08/http-error/{code}"), "code")


@case("p08.http-error-not-a-number")
@pytest.mark.parametrize("raw", ["abc", "-404", "4e2", "404.0"], ids=str)
def test_http_error_code_that_is_not_digits_is_refused(api, raw):
    """A code that is not plain digits → 404 not-found or 422 validation-error."""
    response = api.get(f"/p08/http-error/{raw}")
    assert response.status_code in (404, 422), describe(response, "status 404 or 422")
    slug = "not-found" if response.status_code == 404 else "validation-error"
    expect_problem(response, response.status_code, slug)


@case("p08.unknown-url-404")
@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/p08/no-such-route-{token}", id="under-p08"),
        pytest.param("/{token}/deeper/path", id="top-level"),
        pytest.param("/p08/boom/{token}", id="below-a-route"),
    ],
)
def test_unknown_url_is_404_problem(api, unique, path):
    """Any unknown URL in the app → 404 not-found problem."""
    expect_problem(api.get(path.format(token=unique())), 404, "not-found")
