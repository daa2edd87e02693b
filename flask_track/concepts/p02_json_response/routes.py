"""GET /p02/quotes, /p02/quotes/random and /p02/quotes/{id}: JSON out of Python data."""

from __future__ import annotations

import random

from flask import Response, jsonify

from flask_track.concepts.p02_json_response.data import QUOTES, QUOTES_BY_ID, Quote
from flask_track.concepts.p02_json_response.schemas import QuoteListOut, QuoteOut
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError

blp = Blueprint("p02", __name__)

# The quotes never change, so neither does the list's JSON-ready form: the schema dumps it
# once, here, and a request only encodes it. Dumping it per request was ~15 % of this
# route's CPU (issue 11, bench/README.md). `@blp.response` below still declares the schema
# (the OpenAPI document); a view that returns a Response passes through flask-smorest as is.
QUOTE_LIST = QuoteListOut().dump({"items": list(QUOTES), "count": len(QUOTES)})


@blp.route("/quotes")
@blp.response(200, QuoteListOut)
def list_quotes() -> Response:
    """List every quote."""
    return jsonify(QUOTE_LIST)


# Declared before /quotes/<id> only for readability: the id converter matches digits only, so
# "random" could never be taken for an id, whatever the order.
@blp.route("/quotes/random")
@blp.response(200, QuoteOut)
def random_quote() -> Quote:
    """Return one quote picked at random."""
    return random.choice(QUOTES)  # noqa: S311 - choosing a quote is not a security decision


@blp.route("/quotes/<id:quote_id>")
@blp.response(200, QuoteOut)
def get_quote(quote_id: int) -> Quote:
    """Return the quote with this id."""
    quote = QUOTES_BY_ID.get(quote_id)
    if quote is None:
        raise ProblemError.not_found(f"There is no quote {quote_id}.")
    return quote
