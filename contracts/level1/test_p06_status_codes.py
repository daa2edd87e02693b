"""p06 status-codes (CATALOG Level 1): /p06/items and GET /p06/status/{code}.

Choices where the catalog is silent (also in the Flask track's p06 NOTES.md):
- An item is `{"name": a non-empty string}`; names of up to 100 characters are accepted (a
  longer limit, and whether blank names are refused, is the implementation's); no NUL;
  names are compared exactly as sent. The body of
  a created item is not fixed beyond `id` (integer) and `name`.
- The items live in one process's memory: every case that needs an item created by an
  earlier request of the same case is `process_local` (deselected for multi-worker runs).
- `GET /p06/status/{code}` for a 2xx/3xx code answers some JSON body (its fields are the
  implementation's choice); for 4xx/5xx a problem whose `type` is the named slug of §0's
  status table (403 forbidden, 404 not-found, 409 conflict, 500 internal-error, ...) and
  `about:blank` for the others (400, 418, an unassigned 599). 401 carries
  `WWW-Authenticate: Bearer` and 405 an `Allow` header (§0). 3xx need not carry Location.
- A code that is not plain digits (`abc`, `-1`) is refused as a 404 not-found (routing) or a
  422 validation-error naming `code`: either is accepted here.
"""

from __future__ import annotations

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
    header_value,
    json_body,
    media_type,
    status_slug,
)
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS


def create_item(api, name: str):
    """POST an item and assert the 201; return the response."""
    response = api.post("/p06/items", json={"name": name})
    body = expect_json(response, 201)
    assert isinstance(body, dict) and body.get("name") == name, describe(
        response, f"the created item with name {name!r}"
    )
    assert isinstance(body.get("id"), int) and not isinstance(body["id"], bool), describe(
        response, "an integer id"
    )
    return response


# ---------------------------------------------------------------- the items resource


@case("p06.create-201-location")
@pytest.mark.process_local
def test_create_answers_201_with_a_location_that_serves_the_item(api, unique):
    """POST /p06/items → 201 + Location; GET on that Location → 200 with the same item."""
    name = f"item {unique()}"
    created = create_item(api, name)
    location = header_value(created, "location")
    response = api.get(created.request.url.join(location))
    body = expect_json(response, 200)
    assert body.get("id") == created.json()["id"] and body.get("name") == name, describe(
        response, f"the item created at {location}"
    )


@case("p06.location-names-the-item")
def test_location_is_the_items_url(api, unique):
    """The Location of a created item is /p06/items/{id} (absolute or path-absolute)."""
    created = create_item(api, f"item {unique()}")
    resolved = created.request.url.join(header_value(created, "location"))
    assert resolved.path == f"/p06/items/{created.json()['id']}", describe(
        created, "Location resolving to /p06/items/{id}"
    )


@case("p06.duplicate-name-409")
@pytest.mark.process_local
def test_same_name_again_is_409_conflict(api, unique):
    """POST the same name twice → the second is 409 conflict."""
    name = f"twice {unique()}"
    create_item(api, name)
    expect_problem(api.post("/p06/items", json={"name": name}), 409, "conflict")


@case("p06.get-missing-404")
def test_get_missing_item_is_404(api):
    """GET /p06/items/{id} for an id never created → 404 not-found."""
    expect_problem(api.get(f"/p06/items/{MAX_ID}"), 404, "not-found")


@case("p06.non-integer-id-404")
@pytest.mark.parametrize("raw", NON_INTEGER_IDS)
def test_non_integer_item_id_is_404(api, raw):
    """A path id that is not a plain non-negative 64-bit integer → 404 not-found (§0)."""
    expect_problem(api.get(f"/p06/items/{raw}"), 404, "not-found")


@case("p06.delete-204-empty")
@pytest.mark.process_local
def test_delete_is_204_with_an_empty_body(api, unique):
    """DELETE an existing item → 204 with no content at all."""
    item_id = create_item(api, f"doomed {unique()}").json()["id"]
    response = api.delete(f"/p06/items/{item_id}")
    expect_status(response, 204)
    assert response.content == b"", describe(response, "an empty body for 204")


@case("p06.deleted-get-404")
@pytest.mark.process_local
def test_deleted_item_is_gone(api, unique):
    """After DELETE, GET on the item → 404 not-found."""
    item_id = create_item(api, f"gone {unique()}").json()["id"]
    expect_status(api.delete(f"/p06/items/{item_id}"), 204)
    expect_problem(api.get(f"/p06/items/{item_id}"), 404, "not-found")


@case("p06.delete-again-404")
@pytest.mark.process_local
def test_delete_twice_is_404_the_second_time(api, unique):
    """DELETE the same item twice → 204, then 404 not-found."""
    item_id = create_item(api, f"twice-deleted {unique()}").json()["id"]
    expect_status(api.delete(f"/p06/items/{item_id}"), 204)
    expect_problem(api.delete(f"/p06/items/{item_id}"), 404, "not-found")


@case("p06.delete-missing-404")
def test_delete_missing_item_is_404(api):
    """DELETE an id never created → 404 not-found."""
    expect_problem(api.delete(f"/p06/items/{MAX_ID}"), 404, "not-found")


@case("p06.create-invalid-422")
@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({}, "name", id="missing"),
        pytest.param({"name": ""}, "name", id="empty"),
        pytest.param({"name": "a\u0000b"}, "name", id="nul"),
        pytest.param({"name": 123}, "name", id="number"),
        pytest.param({"name": None}, "name", id="null"),
        pytest.param({"name": "ok", "id": 7}, "id", id="unknown-field"),
    ],
)
def test_invalid_item_is_422_naming_the_field(api, body, field):
    """POST /p06/items with a bad body → 422 validation-error naming the field."""
    expect_validation_error(api.post("/p06/items", json=body), field)


@case("p06.create-name-100-ok")
def test_name_of_100_characters_is_accepted(api, unique):
    """A name of 100 characters is accepted (any limit an implementation sets is >= 100)."""
    token = unique()
    create_item(api, token + "n" * (100 - len(token)))


@case("p06.create-malformed-json-400")
def test_malformed_json_is_400(api):
    """POST /p06/items with broken JSON → 400 malformed-json."""
    response = api.post(
        "/p06/items", content=b'{"name": ', headers={"Content-Type": "application/json"}
    )
    expect_problem(response, 400, "malformed-json")


@case("p06.create-not-json-415")
def test_non_json_body_is_415(api):
    """POST /p06/items with a form body → 415 unsupported-media-type."""
    expect_problem(api.post("/p06/items", data={"name": "x"}), 415, "unsupported-media-type")


# ---------------------------------------------------------------- GET /p06/status/{code}


@case("p06.status-success-json")
@pytest.mark.parametrize(
    "code",
    [
        pytest.param(200, id="200"),
        pytest.param(201, id="201"),
        pytest.param(202, id="202"),
        pytest.param(299, id="299-unassigned"),
        pytest.param(301, id="301"),
        pytest.param(302, id="302"),
        pytest.param(399, id="399-unassigned"),
    ],
)
def test_status_2xx_3xx_answers_that_status_with_json(api, code):
    """GET /p06/status/{2xx|3xx} → exactly that status with an application/json body."""
    response = api.get(f"/p06/status/{code}")
    expect_status(response, code)
    assert media_type(response) == "application/json", describe(response, "application/json")
    json_body(response)


@case("p06.status-no-body")
@pytest.mark.parametrize("code", [204, 205, 304], ids=str)
def test_status_without_content_has_an_empty_body(api, code):
    """GET /p06/status/{204|205|304} → that status and no content (HTTP forbids one)."""
    response = api.get(f"/p06/status/{code}")
    expect_status(response, code)
    assert response.content == b"", describe(response, f"an empty body for {code}")


@case("p06.status-error-problem")
@pytest.mark.parametrize(
    "code",
    [
        400,
        402,
        403,
        404,
        409,
        418,
        429,
        451,
        pytest.param(499, id="499-unassigned"),
        500,
        502,
        503,
        pytest.param(599, id="599-unassigned"),
    ],
    ids=str,
)
def test_status_4xx_5xx_answers_that_status_as_a_problem(api, code):
    """GET /p06/status/{4xx|5xx} → that status as problem+json (named slug or about:blank)."""
    expect_problem(api.get(f"/p06/status/{code}"), code, status_slug(code))


@case("p06.status-401-www-authenticate")
def test_status_401_carries_www_authenticate_bearer(api):
    """GET /p06/status/401 → 401 problem with WWW-Authenticate: Bearer (§0)."""
    expect_problem(api.get("/p06/status/401"), 401, "about:blank")  # checks the challenge


@case("p06.status-405-allow")
def test_status_405_carries_allow(api):
    """GET /p06/status/405 → 405 method-not-allowed problem with an Allow header (§0)."""
    expect_problem(api.get("/p06/status/405"), 405, "method-not-allowed")  # checks Allow


@case("p06.status-out-of-range-422")
@pytest.mark.parametrize("code", [0, 100, 101, 199, 600, 999, 99999], ids=str)
def test_status_outside_200_599_is_422(api, code):
    """GET /p06/status/{code} with a code outside 200-599 → 422 naming `code`."""
    expect_validation_error(api.get(f"/p06/status/{code}"), "code")


@case("p06.status-not-a-number")
@pytest.mark.parametrize("raw", ["abc", "-200", "2e2", "200.0"], ids=str)
def test_status_that_is_not_digits_is_refused(api, raw):
    """A code that is not plain digits → 404 not-found or 422 validation-error naming code."""
    response = api.get(f"/p06/status/{raw}")
    assert response.status_code in (404, 422), describe(response, "status 404 or 422")
    slug = "not-found" if response.status_code == 404 else "validation-error"
    expect_problem(response, response.status_code, slug)
