"""GET /p04/products: filter and sort a fixed catalog with query parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_track.concepts.p04_query_params.data import PRODUCTS, Product
from flask_track.concepts.p04_query_params.schemas import ProductListOut, ProductQueryIn
from flask_track.core.openapi import Blueprint

blp = Blueprint("p04", __name__)

# Each sort key, with the id as tie-breaker so equal prices always come back in the same order.
SORTS: dict[str, Callable[[Product], tuple[Any, ...]]] = {
    "price": lambda p: (p.price, p.id),
    "-price": lambda p: (-p.price, p.id),
    "name": lambda p: (p.name.casefold(), p.id),
}


def matches(product: Product, args: dict[str, Any]) -> bool:
    """True when the product passes every filter present in args."""
    if "category" in args and product.category != args["category"]:
        return False
    if "min_price" in args and product.price < args["min_price"]:
        return False
    if "max_price" in args and product.price > args["max_price"]:
        return False
    return "q" not in args or args["q"].casefold() in product.name.casefold()


@blp.route("/products")
@blp.arguments(ProductQueryIn, location="query")
@blp.response(200, ProductListOut)
def list_products(args: dict[str, Any]) -> dict[str, Any]:
    """List the products that match every given filter, optionally sorted."""
    # args is already typed and validated: webargs answered 422 for anything else.
    items = [product for product in PRODUCTS if matches(product, args)]
    if "sort" in args:
        items.sort(key=SORTS[args["sort"]])
    return {"items": items, "count": len(items)}
