"""The fixed product catalog p04 filters. Read-only, shared by every request."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES: tuple[str, ...] = ("books", "electronics", "garden")


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    category: str
    # A float is fine for a read-only demo catalog: every price is written with two decimals
    # and the filters compare against floats parsed from the same kind of text.
    price: float


PRODUCTS: tuple[Product, ...] = (
    Product(1, "Fluent Python", "books", 49.99),
    Product(2, "The Pragmatic Programmer", "books", 39.95),
    Product(3, "Designing Data-Intensive Applications", "books", 44.50),
    Product(4, "Le Petit Prince", "books", 8.90),
    Product(5, "Python Pocket Reference", "books", 14.99),
    Product(6, "USB-C Cable", "electronics", 9.99),
    Product(7, "Mechanical Keyboard", "electronics", 89.00),
    Product(8, "Noise-Cancelling Headphones", "electronics", 249.00),
    Product(9, "Raspberry Pi 5", "electronics", 79.95),
    Product(10, "Wireless Mouse", "electronics", 24.99),
    Product(11, "Garden Hose 25 m", "garden", 34.99),
    Product(12, "Pruning Shears", "garden", 19.99),
    Product(13, "Jardinière Planter", "garden", 29.00),
    Product(14, "Solar Garden Lights", "garden", 24.99),
    Product(15, "Watering Can", "garden", 12.49),
)
