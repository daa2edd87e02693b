"""White-box checks of p04: the query schema and the catalog's own invariants."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from flask_track.concepts.p04_query_params.data import CATEGORIES, PRODUCTS
from flask_track.concepts.p04_query_params.schemas import ProductQueryIn


def test_catalog_meets_the_catalog_rules() -> None:
    assert len(PRODUCTS) >= 12
    assert {p.category for p in PRODUCTS} == set(CATEGORIES)
    assert len({p.id for p in PRODUCTS}) == len(PRODUCTS)
    assert all(round(p.price, 2) == p.price and p.price >= 0 for p in PRODUCTS)


def test_schema_ignores_unknown_and_parses_decimals() -> None:
    loaded = ProductQueryIn().load({"min_price": "9.99", "utm_source": "x"})
    assert loaded == {"min_price": 9.99}


def test_inverted_range_names_both_bounds() -> None:
    errors = ProductQueryIn().validate({"min_price": "5", "max_price": "1"})
    assert set(errors) == {"min_price", "max_price"}


@pytest.mark.parametrize("value", ["1e3", "inf", "NaN", "-0", " 1", "1.", ".5", "\u0661"])
def test_only_plain_decimals_are_prices(value: str) -> None:
    assert "min_price" in ProductQueryIn().validate({"min_price": value})


def test_repeated_parameter_is_422(client: FlaskClient) -> None:
    """core.json_body's query parser refuses a single-valued parameter given twice."""
    response = client.get("/p04/products?category=books&category=garden")
    assert response.status_code == 422
    assert "category" in response.get_json()["errors"]


def test_ties_keep_id_order(client: FlaskClient) -> None:
    items = client.get("/p04/products?sort=-price").get_json()["items"]
    pairs = [(item["price"], item["id"]) for item in items]
    assert pairs == sorted(pairs, key=lambda pair: (-pair[0], pair[1]))
