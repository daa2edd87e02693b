"""p08's domain: a tiny stock check whose failures are exceptions that know nothing of HTTP."""

from __future__ import annotations

from typing import Any

# What the imaginary warehouse holds.
STOCK: dict[str, int] = {"p08-widget": 2}


class DomainError(Exception):
    """A business rule refused the operation. Subclasses name the rule."""

    def details(self) -> dict[str, Any]:
        """Machine-readable facts about the refusal, safe to show to the client."""
        return {}


class InsufficientStock(DomainError):
    """Fewer units are in stock than were requested."""

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"Cannot reserve {requested} of {sku}: only {available} in stock.")
        self.sku = sku
        self.requested = requested
        self.available = available

    def details(self) -> dict[str, Any]:
        return {"sku": self.sku, "requested": self.requested, "available": self.available}


def check_stock(sku: str, quantity: int) -> None:
    """Raise InsufficientStock unless `quantity` units of `sku` are available."""
    available = STOCK.get(sku, 0)
    if quantity > available:
        raise InsufficientStock(sku, quantity, available)


def load_settings() -> None:
    """A bug, simulated: the exception text holds things no client may ever see."""
    raise RuntimeError(
        "SECRET-MARKER-p08: cannot connect to postgresql://app:hunter2@db.internal/prod "
        "(config /srv/app/flask_track/settings.py) while running SELECT * FROM users"
    )
