"""POST /p37/articles, GET/PUT/DELETE /p37/articles/{id}: a read cache no write leaves stale.

Invalidation by generation keys: the cached copy of article 7 lives under
`p37:article:7:<generation>`, and the generation (a random token under `p37:article:7:gen`)
is replaced after every committed write. A reader that read the old generation and stores an
old copy late stores it under a key nobody reads any more (see NOTES.md, "the race").
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from flask import jsonify, url_for
from flask.typing import ResponseReturnValue
from flask.views import MethodView

from flask_track.concepts.p37_cache_invalidation.models import Article
from flask_track.concepts.p37_cache_invalidation.schemas import ArticleIn, ArticleOut
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.core.types import utcnow
from flask_track.extensions import db
from flask_track.shared.cache import CacheUnavailable, cache_add, cache_get, cache_set

blp = Blueprint("p37", __name__)
log = logging.getLogger("flask_track.cache")

TTL_S = 60
# A generation may outlive its copies; losing one (eviction, restart) is safe: a new random
# generation only causes a MISS, never a stale HIT.
GENERATION_TTL_S = 24 * 3600
LOCATION_HEADER = {"Location": {"schema": {"type": "string"}, "description": "The new article"}}
X_CACHE_DOC = {
    "X-Cache": {
        "schema": {"type": "string", "enum": ["HIT", "MISS", "BYPASS"]},
        "description": "HIT: the cached copy; MISS: read from the database and cached; "
        "BYPASS: the cache is down, read from the database",
    }
}


def _generation_key(article_id: int) -> str:
    return f"p37:article:{article_id}:gen"


def _copy_key(article_id: int, generation: str) -> str:
    return f"p37:article:{article_id}:{generation}"


def _generation(article_id: int) -> str:
    """The current generation of an article's cached copy (created when there is none)."""
    key = _generation_key(article_id)
    generation = cache_get(key)
    if generation is None:
        # Two first readers race here: `add` lets one win, both then use the winner's token.
        cache_add(key, uuid.uuid4().hex, GENERATION_TTL_S)
        generation = cache_get(key)
    return str(generation)


def _cache_down() -> ProblemError:
    return ProblemError(
        503,
        "dependency-unavailable",
        "The cache is unavailable, so this change could not be made safely; retry.",
    )


def _check_cache() -> None:
    """Before a write: the cache must answer, or the write is refused before it happens.

    A write that commits while the cache is unreachable could not void the cached copy, and
    that copy (up to 60 s old) would be served again once the cache is back.
    """
    try:
        cache_get("p37:probe")
    except CacheUnavailable:
        raise _cache_down() from None


def _invalidate(article_id: int) -> None:
    """After a committed write: a new generation, so every worker's next read is a MISS."""
    try:
        cache_set(_generation_key(article_id), uuid.uuid4().hex, GENERATION_TTL_S)
    except CacheUnavailable:
        # The cache died between the check and now: the write is saved, its old copy may live
        # up to TTL_S. Say so (503) instead of a 2xx that promises fresh reads; PUT and
        # DELETE are idempotent, so the client's retry completes the invalidation.
        log.error("p37 invalidation failed", extra={"fields": {"article_id": article_id}})
        raise ProblemError(
            503,
            "dependency-unavailable",
            "The change is saved, but the cache could not be invalidated; retry the request.",
        ) from None


def _get_or_404(article_id: int) -> Article:
    article = db.session.get(Article, article_id)
    if article is None:
        raise ProblemError.not_found(f"There is no article {article_id}.")
    return article


@blp.route("/articles")
class Articles(MethodView):
    @blp.arguments(ArticleIn)
    @blp.response(201, ArticleOut, headers=LOCATION_HEADER)
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")
    def post(self, data: dict[str, Any]) -> tuple[Article, int, dict[str, str]]:
        """Create an article."""
        _check_cache()
        article = Article(**data)
        db.session.add(article)
        db.session.commit()
        # A cache that outlived the database (restored backup, test reset) may hold a copy
        # under this id: a new generation voids it.
        _invalidate(article.id)
        return article, 201, {"Location": url_for("p37.Article", article_id=article.id)}


@blp.route("/articles/<id:article_id>", endpoint="Article")
class ArticleView(MethodView):
    @blp.response(200, ArticleOut, headers=X_CACHE_DOC)
    def get(self, article_id: int) -> ResponseReturnValue:
        """One article: from the cache (HIT) or the database (MISS, then cached 60 s)."""
        generation: str | None
        try:
            # The generation is read BEFORE the database: a copy stored under it was read
            # from the database after it became current (NOTES.md, "the race").
            generation = _generation(article_id)
            cached = cache_get(_copy_key(article_id, generation))
        except CacheUnavailable:
            generation, cached = None, None
        if cached is not None:
            return _answer(cached, "HIT")
        data = ArticleOut().dump(_get_or_404(article_id))  # a 404 is never cached
        if generation is None:
            return _answer(data, "BYPASS")
        try:
            cache_set(_copy_key(article_id, generation), data, TTL_S)
        except CacheUnavailable:
            return _answer(data, "BYPASS")
        return _answer(data, "MISS")

    @blp.arguments(ArticleIn)
    @blp.response(200, ArticleOut)
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")
    def put(self, data: dict[str, Any], article_id: int) -> Article:
        """Replace an article's title and body; every worker's next GET is a MISS."""
        article = _get_or_404(article_id)
        _check_cache()
        article.title = data["title"]
        article.body = data["body"]
        article.updated_at = utcnow()
        db.session.commit()
        _invalidate(article_id)
        return article

    @blp.response(204)
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")
    def delete(self, article_id: int) -> None:
        """Delete an article; the next GET is 404, never a stale copy."""
        article = _get_or_404(article_id)
        _check_cache()
        db.session.delete(article)
        db.session.commit()
        _invalidate(article_id)


def _answer(data: dict[str, Any], outcome: str) -> ResponseReturnValue:
    response = jsonify(data)
    response.headers["X-Cache"] = outcome
    return response
