"""GET/POST /p20/items and GET /p20/items/{id}: offset pages and keyset (cursor) pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import current_app, request, url_for
from flask.views import MethodView
from sqlalchemy import func, select, tuple_

from flask_track.concepts.p20_pagination.cursor import Position, encode_cursor
from flask_track.concepts.p20_pagination.models import Item
from flask_track.concepts.p20_pagination.schemas import ItemIn, ItemOut, ItemPageArgs, ItemPageOut
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db

blp = Blueprint("p20", __name__)

LINK_HEADER = {
    "Link": {
        "schema": {"type": "string"},
        "description": 'RFC 8288: `<url>; rel="next"`, absent on the last page',
    }
}
LOCATION_HEADER = {"Location": {"schema": {"type": "string"}, "description": "The new item"}}

NEWEST_FIRST = (Item.created_at.desc(), Item.id.desc())


def next_link(**params: Any) -> dict[str, str]:
    """The Link header pointing at the next page (a path-absolute URI reference)."""
    return {"Link": f'<{request.path}?{urlencode(params)}>; rel="next"'}


def offset_page(limit: int, offset: int) -> tuple[dict[str, Any], dict[str, str]]:
    """OFFSET n: simple and random-access, but the database still reads and throws away the
    n rows it skips, and a row inserted meanwhile shifts every later page by one."""
    total = db.session.scalar(select(func.count()).select_from(Item)) or 0
    items = db.session.scalars(select(Item).order_by(*NEWEST_FIRST).limit(limit).offset(offset))
    rows = list(items)
    next_offset = offset + limit if offset + limit < total else None
    body = {
        "items": rows,
        "count": len(rows),
        "limit": limit,
        "offset": offset,
        "total": total,
        "next_offset": next_offset,
    }
    headers = next_link(limit=limit, offset=next_offset) if next_offset is not None else {}
    return body, headers


def keyset_page(limit: int, after: Position | None) -> tuple[dict[str, Any], dict[str, str]]:
    """WHERE (created_at, id) < (last seen): the index seeks straight to the position, and rows
    inserted meanwhile (all newer, so before it) can neither shift nor repeat a page."""
    query = select(Item).order_by(*NEWEST_FIRST)
    if after is not None:
        query = query.where(tuple_(Item.created_at, Item.id) < (after.created_at, after.id))
    # One row more than asked: whether it exists says if there is a next page, no COUNT needed.
    rows = list(db.session.scalars(query.limit(limit + 1)))
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if has_more:
        last = rows[-1]
        next_cursor = encode_cursor(
            Position(last.created_at, last.id), current_app.config["SECRET_KEY"]
        )
    body = {"items": rows, "count": len(rows), "limit": limit, "next_cursor": next_cursor}
    headers = next_link(limit=limit, cursor=next_cursor) if next_cursor else {}
    return body, headers


@blp.route("/items")
class Items(MethodView):
    @blp.arguments(ItemPageArgs, location="query")
    @blp.response(200, ItemPageOut, headers=LINK_HEADER)
    def get(self, args: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
        """List items newest first: offset pages (with total) or keyset pages (cursor)."""
        if "offset" in args:
            body, headers = offset_page(args["limit"], args["offset"])
        else:
            body, headers = keyset_page(args["limit"], args.get("cursor"))
        return body, 200, headers

    @blp.arguments(ItemIn)
    @blp.response(201, ItemOut, headers=LOCATION_HEADER)
    def post(self, data: dict[str, str]) -> tuple[Item, int, dict[str, str]]:
        """Add an item (it becomes the newest)."""
        item = Item(name=data["name"])
        db.session.add(item)
        db.session.commit()
        return item, 201, {"Location": url_for("p20.get_item", item_id=item.id)}


@blp.route("/items/<id:item_id>")
@blp.response(200, ItemOut)
def get_item(item_id: int) -> Item:
    """Return one item."""
    item = db.session.get(Item, item_id)
    if item is None:
        raise ProblemError.not_found(f"There is no item {item_id}.")
    return item
