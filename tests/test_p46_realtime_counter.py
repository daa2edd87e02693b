"""p46: the counter's atomic increment and the hub's promises (latest value, never smaller)."""

from __future__ import annotations

import threading

from flask.testing import FlaskClient

from flask_track.concepts.p46_realtime_counter.hub import Hub, Subscriber


def test_a_subscriber_keeps_only_the_newest_value() -> None:
    subscriber = Subscriber()
    for value in (1, 5, 3, 4):
        subscriber.offer(value)
    assert subscriber.next_value(timeout=0.1) == 5
    assert subscriber.next_value(timeout=0.05) is None  # nothing newer than what was sent


def test_values_not_above_the_last_sent_are_dropped() -> None:
    subscriber = Subscriber()
    subscriber.offer(7)
    assert subscriber.next_value(timeout=0.1) == 7
    subscriber.offer(6)  # a late message from another worker
    assert subscriber.next_value(timeout=0.05) is None
    subscriber.offer(8)
    assert subscriber.next_value(timeout=0.1) == 8


def test_delivery_never_waits_for_a_subscriber() -> None:
    """A subscriber nobody reads from costs one integer; delivering to it returns at once."""
    hub = Hub()
    stalled = hub.subscribe()
    done = threading.Event()
    threading.Thread(target=lambda: ([hub.deliver(n) for n in range(10_000)], done.set())).start()
    assert done.wait(5)
    assert stalled.next_value(timeout=0.1) == 9_999
    hub.unsubscribe(stalled)


def test_increments_count_up_from_the_stored_value(client: FlaskClient) -> None:
    first = client.post("/p46/increment").get_json()["value"]
    second = client.post("/p46/increment").get_json()["value"]
    assert second == first + 1


def test_a_plain_http_request_to_the_socket_is_a_400_problem(client: FlaskClient) -> None:
    response = client.get("/p46/ws")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
