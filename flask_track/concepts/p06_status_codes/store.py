"""The p06 items, kept in this process's memory (on purpose: see NOTES.md)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

# A public endpoint that stores whatever it is sent must stop somewhere: memory is finite.
MAX_ITEMS = 10_000


class NameTaken(Exception):
    """An item with this name already exists."""

    def __init__(self, existing_id: int) -> None:
        super().__init__(f"name already used by item {existing_id}")
        self.existing_id = existing_id


class StoreFull(Exception):
    """The store holds MAX_ITEMS items; nothing more fits."""


@dataclass(frozen=True)
class Item:
    """One stored item."""

    id: int
    name: str
    created_at: datetime


class ItemStore:
    """A dict of items plus a name index, behind one lock.

    gunicorn runs several threads per worker: without the lock, two concurrent POSTs with the
    same name could both pass the "is the name free?" check and both be stored, and two
    could read the same next id.
    """

    def __init__(self, limit: int = MAX_ITEMS) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._items: dict[int, Item] = {}
        self._id_by_name: dict[str, int] = {}
        self._last_id = 0

    def add(self, name: str) -> Item:
        """Store a new item; NameTaken or StoreFull when it cannot be stored."""
        with self._lock:
            existing = self._id_by_name.get(name)
            if existing is not None:
                raise NameTaken(existing)
            if len(self._items) >= self.limit:
                raise StoreFull()
            # Ids are never reused, even after a delete: a client holding /items/3 must not
            # silently reach a different item later.
            self._last_id += 1
            item = Item(self._last_id, name, datetime.now(UTC))
            self._items[item.id] = item
            self._id_by_name[name] = item.id
            return item

    def get(self, item_id: int) -> Item | None:
        """The item with this id, if it exists."""
        with self._lock:
            return self._items.get(item_id)

    def delete(self, item_id: int) -> bool:
        """Remove the item; False when there was none."""
        with self._lock:
            item = self._items.pop(item_id, None)
            if item is None:
                return False
            del self._id_by_name[item.name]
            return True


STORE = ItemStore()
