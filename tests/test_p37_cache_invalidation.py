"""p37: the slow-reader race replayed step by step, two "workers" on Redis, Redis down."""

from __future__ import annotations

from flask import Flask

from flask_track import create_app
from flask_track.concepts.p37_cache_invalidation import routes
from flask_track.concepts.p37_cache_invalidation.models import Article
from flask_track.concepts.p37_cache_invalidation.schemas import ArticleOut
from flask_track.config import TestingConfig
from flask_track.extensions import db
from flask_track.shared.cache import cache_set
from tests.redis_server import RedisServer


def create(app: Flask, title: str = "Old") -> str:
    response = app.test_client().post("/p37/articles", json={"title": title, "body": "text"})
    assert response.status_code == 201
    return str(response.headers["Location"])


def test_a_slow_reader_cannot_put_the_old_copy_back(app: Flask) -> None:
    """The race of NOTES.md: generation read, old row read, PUT commits, old copy stored late."""
    path = create(app)
    article_id = int(path.rsplit("/", 1)[1])
    client = app.test_client()
    with app.app_context():
        generation = routes._generation(article_id)  # the slow reader, step 1 ...
        old_copy = ArticleOut().dump(db.session.get(Article, article_id))  # ... step 2
    assert client.put(path, json={"title": "New", "body": "text"}).status_code == 200
    with app.app_context():  # ... step 3, after the PUT answered: the late store
        cache_set(routes._copy_key(article_id, generation), old_copy, routes.TTL_S)
    response = client.get(path)
    assert response.json["title"] == "New" and response.headers["X-Cache"] == "MISS"


def test_put_and_delete_reach_another_worker_through_redis(redis_app: Flask) -> None:
    path = create(redis_app)
    one, two = redis_app.test_client(), create_app(TestingConfig()).test_client()
    for client in (one, two, one, two):
        assert client.get(path).json["title"] == "Old"
    assert two.get(path).headers["X-Cache"] == "HIT"
    assert one.put(path, json={"title": "New", "body": "text"}).status_code == 200
    response = two.get(path)
    assert (response.json["title"], response.headers["X-Cache"]) == ("New", "MISS")
    assert two.delete(path).status_code == 204
    assert one.get(path).status_code == 404


def test_redis_down_reads_bypass_writes_503_nothing_changed(
    redis_app: Flask,
    redis_server: RedisServer,
) -> None:
    path = create(redis_app)
    client = redis_app.test_client()
    assert client.get(path).headers["X-Cache"] == "MISS"
    redis_server.stop()
    read = client.get(path)
    assert (read.status_code, read.headers["X-Cache"], read.json["title"]) == (200, "BYPASS", "Old")
    for response in (
        client.put(path, json={"title": "New", "body": "text"}),
        client.delete(path),
        client.post("/p37/articles", json={"title": "t", "body": "b"}),
    ):
        assert response.status_code == 503
        assert response.json["type"] == "/problems/dependency-unavailable"
    with redis_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Article)) == 1
    redis_server.start()  # an empty Redis: recovers by itself
    assert client.put(path, json={"title": "New", "body": "text"}).status_code == 200
    assert client.get(path).json["title"] == "New"
