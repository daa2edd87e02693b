"""p04 query-params (CATALOG Level 1): GET /p04/products?category=&min_price=&max_price=&q=&sort=.

The catalog fixes a fixed in-memory catalog (≥ 12 products, ≥ 3 categories); the suite does not
assume its content: each case reads the unfiltered list first and derives its filter values
and expected results from it.

Choices where the catalog is silent (written down here and in the concept's NOTES.md):
- products are {"id": int, "name": str, "category": str, "price": number}; the categories
  include books, electronics and garden;
- min_price and max_price are inclusive bounds, non-negative plain decimals (`10`, `19.99`);
  min_price == max_price is allowed;
- q matches a case-insensitive substring of the name; NUL in it → 422 (§0); its maximum
  length is the implementation's;
- whether an unknown category is a 422 or an empty list is the implementation's (not checked);
- sort=name orders case-insensitively (casefold); sort values are case-sensitive
  (`PRICE` → 422); without sort, the order is the implementation's;
- the filters return every matching product, not only a subset.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from contracts.harness import case, describe, expect_json, expect_validation_error

REQUIRED_CATEGORIES = {"books", "electronics", "garden"}


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def as_query(price: float) -> str:
    """A price as a plain decimal query value: 24.99 → "24.99", 89.0 → "89"."""
    text = format(Decimal(repr(price)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def products(api, params: dict[str, str] | None = None) -> tuple[Any, list[dict[str, Any]]]:
    """GET /p04/products; checks the envelope and item shapes; returns (response, items)."""
    response = api.get("/p04/products", params=params or {})
    body = expect_json(response, 200)
    items = body.get("items") if isinstance(body, dict) else None
    assert isinstance(items, list), describe(response, '{"items": [...], "count": n}')
    count = body.get("count")
    assert isinstance(count, int) and not isinstance(count, bool) and count == len(items), describe(
        response, f"count == {len(items)} (the number of items)"
    )
    for item in items:
        assert (
            isinstance(item, dict)
            and isinstance(item.get("id"), int)
            and not isinstance(item.get("id"), bool)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("category"), str)
            and is_number(item.get("price"))
        ), describe(response, f"items shaped {{id:int,name,category,price:number}}, not {item!r}")
    return response, items


def ids(items: list[dict[str, Any]]) -> list[int]:
    return [item["id"] for item in items]


@case("p04.list-all")
def test_unfiltered_list_has_twelve_products_in_three_categories(api):
    """No parameters → 200 {"items","count"}: ≥ 12 products in ≥ 3 categories incl. the named."""
    response, items = products(api)
    assert len(items) >= 12, describe(response, "at least 12 products")
    assert len(set(ids(items))) == len(items), describe(response, "unique product ids")
    categories = {item["category"] for item in items}
    assert categories >= REQUIRED_CATEGORIES, describe(
        response, f"categories including {sorted(REQUIRED_CATEGORIES)}"
    )


@case("p04.category-filter")
@pytest.mark.parametrize("category", sorted(REQUIRED_CATEGORIES))
def test_category_returns_exactly_that_category(api, category):
    """category=X → every product of category X and nothing else (the filter removes items)."""
    _, everything = products(api)
    expected = sorted(i["id"] for i in everything if i["category"] == category)
    response, items = products(api, {"category": category})
    assert items and all(item["category"] == category for item in items), describe(
        response, f"only (and some) products of category {category!r}"
    )
    assert sorted(ids(items)) == expected and len(items) < len(everything), describe(
        response, f"exactly the ids {expected} (of {len(everything)} products)"
    )


def price_bounds(everything: list[dict[str, Any]]) -> tuple[float, float]:
    """Two distinct catalog prices, a quarter and three quarters up the range."""
    prices = sorted({item["price"] for item in everything})
    return prices[len(prices) // 4], prices[(3 * len(prices)) // 4]


@case("p04.price-range-filter")
@pytest.mark.parametrize("which", ["min", "max", "both"])
def test_price_bounds_are_inclusive_and_complete(api, which):
    """min_price/max_price keep exactly the products with min ≤ price ≤ max (bounds inclusive)."""
    _, everything = products(api)
    low, high = price_bounds(everything)
    params = {}
    if which in ("min", "both"):
        params["min_price"] = as_query(low)
    if which in ("max", "both"):
        params["max_price"] = as_query(high)
    lo = low if "min_price" in params else float("-inf")
    hi = high if "max_price" in params else float("inf")
    expected = sorted(i["id"] for i in everything if lo <= i["price"] <= hi)
    response, items = products(api, params)
    assert all(lo <= item["price"] <= hi for item in items), describe(
        response, f"every price within [{lo}, {hi}]"
    )
    assert sorted(ids(items)) == expected and len(items) < len(everything), describe(
        response, f"exactly the ids {expected} (bounds inclusive)"
    )


@case("p04.equal-price-bounds")
def test_equal_min_and_max_price_select_that_price(api):
    """min_price == max_price is a valid range: the products at exactly that price."""
    _, everything = products(api)
    price = everything[0]["price"]
    expected = sorted(i["id"] for i in everything if i["price"] == price)
    response, items = products(api, {"min_price": as_query(price), "max_price": as_query(price)})
    assert sorted(ids(items)) == expected, describe(response, f"exactly the ids {expected}")


@case("p04.q-filter")
def test_q_is_a_case_insensitive_name_substring(api):
    """q=X → every product whose name contains X ignoring case, and only those."""
    _, everything = products(api)
    name = everything[0]["name"]
    needle = name[1 : max(2, len(name) // 2)].swapcase()
    expected = sorted(i["id"] for i in everything if needle.casefold() in i["name"].casefold())
    response, items = products(api, {"q": needle})
    assert all(needle.casefold() in item["name"].casefold() for item in items), describe(
        response, f"every name containing {needle!r} (case-insensitive)"
    )
    assert sorted(ids(items)) == expected and len(items) < len(everything), describe(
        response, f"exactly the ids {expected}"
    )


@case("p04.combined-filters")
def test_every_item_satisfies_every_filter(api):
    """category + min_price + max_price together: every item satisfies all three."""
    _, everything = products(api)
    books = [i for i in everything if i["category"] == "books"]
    low, high = price_bounds(books)
    expected = sorted(i["id"] for i in books if low <= i["price"] <= high)
    params = {"category": "books", "min_price": as_query(low), "max_price": as_query(high)}
    response, items = products(api, params)
    assert all(item["category"] == "books" and low <= item["price"] <= high for item in items), (
        describe(response, f"only books priced within [{low}, {high}]")
    )
    assert sorted(ids(items)) == expected, describe(response, f"exactly the ids {expected}")


SORTS = [
    pytest.param("price", lambda i: i["price"], False, id="price"),
    pytest.param("-price", lambda i: i["price"], True, id="minus-price"),
    pytest.param("name", lambda i: i["name"].casefold(), False, id="name"),
]


@case("p04.sort-orders")
@pytest.mark.parametrize(("sort", "key", "descending"), SORTS)
def test_sort_orders_the_items(api, sort, key, descending):
    """sort=price ascending, -price descending, name A→Z ignoring case; same items as unsorted."""
    _, everything = products(api)
    response, items = products(api, {"sort": sort})
    keys = [key(item) for item in items]
    assert keys == sorted(keys, reverse=descending), describe(
        response, f"items ordered by {sort}: {keys}"
    )
    assert sorted(ids(items)) == sorted(ids(everything)), describe(
        response, "sorting to keep every product"
    )


@case("p04.sort-with-filter")
def test_sort_applies_to_the_filtered_items(api):
    """category=garden&sort=-price → only garden products, most expensive first."""
    response, items = products(api, {"category": "garden", "sort": "-price"})
    prices = [item["price"] for item in items]
    assert items and all(item["category"] == "garden" for item in items), describe(
        response, "only garden products"
    )
    assert prices == sorted(prices, reverse=True), describe(
        response, f"prices descending: {prices}"
    )


@case("p04.unknown-params-ignored")
def test_unknown_query_parameters_are_ignored(api, unique):
    """Parameters the route does not know (utm_source, cache busters) change nothing."""
    _, plain = products(api, {"category": "books", "sort": "price"})
    response, items = products(
        api, {"category": "books", "sort": "price", "utm_source": unique(), "_": "123"}
    )
    assert ids(items) == ids(plain), describe(
        response, f"the same ids as without them: {ids(plain)}"
    )


@case("p04.min-price-invalid-422")
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("abc", id="letters"),
        pytest.param("12abc", id="trailing-letters"),
        pytest.param("-1", id="negative"),
        pytest.param("NaN", id="nan"),
        pytest.param("", id="empty"),
    ],
)
def test_min_price_that_is_not_a_non_negative_number_is_422(api, value):
    """min_price=abc (or negative, NaN, empty) → 422 validation-error naming min_price."""
    response = api.get("/p04/products", params={"min_price": value})
    expect_validation_error(response, "min_price")


@case("p04.max-price-invalid-422")
def test_max_price_that_is_not_a_number_is_422(api):
    """max_price=abc → 422 validation-error naming max_price."""
    response = api.get("/p04/products", params={"max_price": "abc"})
    expect_validation_error(response, "max_price")


@case("p04.sort-invalid-422")
@pytest.mark.parametrize(
    "value",
    [pytest.param("bogus", id="bogus"), pytest.param("PRICE", id="upper-case")],
)
def test_unknown_sort_is_422(api, value):
    """sort outside price|-price|name → 422 validation-error naming sort."""
    expect_validation_error(api.get("/p04/products", params={"sort": value}), "sort")


@case("p04.q-nul-422")
def test_q_with_a_nul_character_is_422(api):
    """q containing NUL (U+0000) → 422 naming q (§0: NUL in any text field)."""
    expect_validation_error(api.get("/p04/products", params={"q": "a\u0000b"}), "q")


@case("p04.price-range-inverted-422")
def test_min_price_above_max_price_is_422_naming_both(api):
    """min_price > max_price → 422 whose errors name both min_price and max_price."""
    response = api.get("/p04/products", params={"min_price": "50", "max_price": "10.5"})
    expect_validation_error(response, "min_price", "max_price")


@case("p04.all-errors-at-once")
def test_every_invalid_parameter_is_reported_at_once(api):
    """Several invalid parameters → one 422 naming every one of them."""
    params = {"min_price": "abc", "max_price": "-5", "sort": "bogus", "q": "a\u0000b"}
    response = api.get("/p04/products", params=params)
    expect_validation_error(response, *params)
