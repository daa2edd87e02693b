"""Fan-out: every value the counter reaches goes to every subscriber of every worker.

Each open WebSocket is a `Subscriber` of this process's `Hub`. An increment publishes its new
value: with REDIS_URL on a Redis channel that one listener thread per process relays to its
hub (so a subscriber on worker A hears an increment made on worker B); without Redis straight
to the local hub (one process: nothing else to tell).

A subscriber never blocks the publisher: it holds only the LATEST value (a counter's history
is useless to a client that only shows "now"), so a slow or vanished client costs one integer,
and the publisher never waits for it. Values a subscriber is sent never decrease: messages
from two workers may arrive out of order, so anything not above the last value sent is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the client comes from shared/redis_handle.py, which imports redis
    import redis


log = logging.getLogger("flask_track.p46")
CHANNEL = "flask_track:p46:count"


class Subscriber:
    """One connection's mailbox: the newest value not yet sent, and a way to wait for it."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._latest: int | None = None
        self.sent: int | None = None

    def offer(self, value: int) -> None:
        """Keep `value` if it is newer than anything seen (never blocks on the client)."""
        with self._changed:
            if self._latest is None or value > self._latest:
                self._latest = value
                self._changed.notify()

    def next_value(self, timeout: float) -> int | None:
        """The next value above the last one sent, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._latest is None or (self.sent is not None and self._latest <= self.sent):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(remaining)
            self.sent = self._latest
            return self._latest


class Hub:
    """This process's subscribers, and (with Redis) the listener that feeds them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: set[Subscriber] = set()
        self._listener: threading.Thread | None = None

    def subscribe(self) -> Subscriber:
        subscriber = Subscriber()
        with self._lock:
            self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            self._subscribers.discard(subscriber)

    def deliver(self, value: int) -> None:
        """Hand `value` to every local subscriber."""
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            subscriber.offer(value)

    def ensure_listener(self, client: redis.Redis, current: Callable[[], int]) -> None:
        """Start this process's Redis listener (once; after gunicorn forked, never before)."""
        with self._lock:
            if self._listener is not None and self._listener.is_alive():
                return
            self._listener = threading.Thread(
                target=self._listen, args=(client, current), name="p46-listener", daemon=True
            )
            self._listener.start()

    def _listen(self, client: redis.Redis, current: Callable[[], int]) -> None:
        """Relay the channel to the local hub; on every (re)connect, resync from the database."""
        backoff = 0.5
        while True:
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
                pubsub.subscribe(CHANNEL)
                # Anything published while we were not listening is covered by the stored value.
                self.deliver(current())
                backoff = 0.5
                for message in pubsub.listen():
                    if message.get("type") == "message":
                        self.deliver(int(message["data"]))
            except Exception as error:  # Redis gone or restarting: keep trying, never die
                log.warning(
                    "p46 listener lost Redis; retrying",
                    extra={"fields": {"error_type": type(error).__name__}},
                )
                time.sleep(backoff)
                backoff = min(backoff * 2, 5.0)


HUB = Hub()
