"""p06 white-box: the item store under threads, its limit, and the headers of bare statuses."""

from __future__ import annotations

import threading
import uuid

import pytest
from flask.testing import FlaskClient

from flask_track.concepts.p06_status_codes import store as store_module
from flask_track.concepts.p06_status_codes.store import ItemStore, NameTaken, StoreFull


def test_concurrent_creates_of_one_name_store_it_once() -> None:
    """32 threads racing to add the same name: exactly one wins, the rest get NameTaken."""
    store = ItemStore()
    barrier = threading.Barrier(32)
    outcomes: list[str] = []

    def add() -> None:
        barrier.wait()
        try:
            store.add("same")
            outcomes.append("stored")
        except NameTaken:
            outcomes.append("taken")

    threads = [threading.Thread(target=add) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("stored") == 1
    assert outcomes.count("taken") == 31


def test_ids_are_never_reused_after_delete() -> None:
    store = ItemStore()
    first = store.add("a")
    assert store.delete(first.id)
    assert store.add("a").id == first.id + 1


def test_store_refuses_items_beyond_its_limit() -> None:
    store = ItemStore(limit=2)
    store.add("a")
    store.add("b")
    with pytest.raises(StoreFull):
        store.add("c")


def test_full_store_answers_507_problem(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module.STORE, "limit", 0)
    response = client.post("/p06/items", json={"name": f"full-{uuid.uuid4()}"})
    assert response.status_code == 507
    assert response.mimetype == "application/problem+json"


def test_created_item_location_and_body(client: FlaskClient) -> None:
    name = f"loc-{uuid.uuid4()}"
    response = client.post("/p06/items", json={"name": name})
    assert response.status_code == 201
    assert response.headers["Location"] == f"/p06/items/{response.json['id']}"
    assert response.json["name"] == name


@pytest.mark.parametrize("code", [204, 205, 304])
def test_no_content_statuses_have_no_body_and_no_content_type(
    client: FlaskClient, code: int
) -> None:
    response = client.get(f"/p06/status/{code}")
    assert response.status_code == code
    assert response.data == b""
    assert "Content-Type" not in response.headers


def test_delete_answers_204_without_content_type(client: FlaskClient) -> None:
    item_id = client.post("/p06/items", json={"name": f"del-{uuid.uuid4()}"}).json["id"]
    response = client.delete(f"/p06/items/{item_id}")
    assert response.status_code == 204
    assert response.data == b""
    assert "Content-Type" not in response.headers


@pytest.mark.parametrize(
    ("code", "header", "value"),
    [
        (401, "WWW-Authenticate", "Bearer"),
        (405, "Allow", "GET, HEAD, OPTIONS"),
        (429, "Retry-After", "1"),
        (503, "Retry-After", "1"),
    ],
)
def test_statuses_carry_the_headers_they_require(
    client: FlaskClient, code: int, header: str, value: str
) -> None:
    response = client.get(f"/p06/status/{code}")
    assert response.status_code == code
    assert response.headers[header] == value


def test_redirect_statuses_send_no_location(client: FlaskClient) -> None:
    response = client.get("/p06/status/301")
    assert response.status_code == 301
    assert "Location" not in response.headers
    assert response.json == {"status": 301, "reason": "Moved Permanently"}


def test_unassigned_codes_answer_without_crashing(client: FlaskClient) -> None:
    """HTTPStatus(599) raises ValueError; the route must build the problem itself."""
    assert client.get("/p06/status/299").json == {"status": 299, "reason": "Unassigned"}
    response = client.get("/p06/status/599")
    assert response.status_code == 599
    assert response.json["status"] == 599
    assert response.json["request_id"] == response.headers["X-Request-ID"]


def test_named_422_carries_an_errors_object(client: FlaskClient) -> None:
    response = client.get("/p06/status/422")
    assert response.json["type"] == "/problems/validation-error"
    assert response.json["errors"] == {}


def test_out_of_range_code_names_code(client: FlaskClient) -> None:
    response = client.get("/p06/status/600")
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["code"]
