"""What p04 accepts (query parameters) and answers."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from flask_track.concepts.p04_query_params.data import CATEGORIES
from flask_track.core.fields import QueryDecimal

SORT_KEYS = ("price", "-price", "name")
Q_MAX_LENGTH = 100


class ProductQueryIn(Schema):
    """The query string of GET /p04/products; every parameter is optional."""

    class Meta:
        # Unknown query parameters are ignored (CATALOG p04): caches and trackers add their own
        # (utm_source, _=cache-buster), and refusing them would break ordinary links.
        unknown = EXCLUDE

    category = fields.String(
        validate=validate.OneOf(CATEGORIES), metadata={"description": "Only this category."}
    )
    min_price = QueryDecimal(
        validate=validate.Range(min=0),
        metadata={"description": "Only products costing at least this much (e.g. 10 or 9.99)."},
    )
    max_price = QueryDecimal(
        validate=validate.Range(min=0),
        metadata={"description": "Only products costing at most this much."},
    )
    q = fields.String(
        validate=[
            validate.Length(max=Q_MAX_LENGTH),
            # CATALOG §0: NUL in any text field → 422.
            validate.Regexp(r"^[^\x00]*$", error="Must not contain NUL characters."),
        ],
        metadata={"description": "Case-insensitive substring of the product name."},
    )
    sort = fields.String(
        validate=validate.OneOf(SORT_KEYS),
        metadata={
            "description": "price ascending, -price descending, name A→Z (case-insensitive); "
            "without it, products come in catalog (id) order."
        },
    )

    @validates_schema
    def check_price_range(self, data: dict[str, Any], **kwargs: Any) -> None:
        """An empty range is a mistake in the request, not an empty answer: name both ends."""
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            message = f"min_price ({low:g}) must not be greater than max_price ({high:g})."
            raise ValidationError({"min_price": [message], "max_price": [message]})


class ProductOut(Schema):
    """One product."""

    id = fields.Integer(required=True, metadata={"minimum": 1})
    name = fields.String(required=True)
    category = fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    price = fields.Float(required=True, metadata={"minimum": 0})


class ProductListOut(Schema):
    """The products that pass every filter, in the requested order."""

    items = fields.List(fields.Nested(ProductOut), required=True)
    count = fields.Integer(required=True, metadata={"minimum": 0})
