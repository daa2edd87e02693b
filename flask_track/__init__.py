"""The Flask track: one app, fifty concepts, each a blueprint under /pNN."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, then as it was.

    Around the package's imports (below) and create_app(): startup makes ~150,000 objects
    that live as long as the process (modules, classes, 50 blueprints, the OpenAPI
    document), and each full collection on the way walked all of them again, for nothing
    (~0.1 s of a 0.7 s start, issue 11). Reference counting still frees what startup throws
    away.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


with collector_paused():
    import importlib
    from collections.abc import Iterable, Mapping
    from pathlib import Path
    from typing import Any

    from flask import Flask

    from flask_track.config import EXTENSION as SETTINGS_EXTENSION
    from flask_track.config import Config, config_for
    from flask_track.core.cli import ladder_cli
    from flask_track.core.client import init_client
    from flask_track.core.cors import init_cors
    from flask_track.core.database import init_database
    from flask_track.core.disabled import without_disabled
    from flask_track.core.json_provider import JsonProvider
    from flask_track.core.ladder import Concept, read_ladder
    from flask_track.core.logging import configure_logging
    from flask_track.core.middleware import init_middleware
    from flask_track.core.openapi import init_openapi
    from flask_track.core.problems import init_problems
    from flask_track.core.routes import blp as app_routes
    from flask_track.extensions import (
        api,
        cors,
        db,
        mailer,
        migrate,
        queue,
        rate_limit_storage,
        redis_client,
        sock,
    )
    from flask_track.shared.auth import init_auth
    from flask_track.shared.cache import init_cache
    from flask_track.shared.outbox import init_outbox

__version__ = "0.1.0"

# Headers the React client reads when it is served from another origin (Vite dev server).
EXPOSED_HEADERS = [
    "X-Request-ID",
    "Server-Timing",
    "Location",
    "Allow",
    "ETag",
    "Link",
    "Retry-After",
    "RateLimit",
    "RateLimit-Policy",
    "WWW-Authenticate",
    "X-Cache",
    "X-Query-Count",
    "Deprecation",
    "Sunset",
]


def load_concepts(disabled: Iterable[str] = ()) -> list[Concept]:
    """Import the package of every built row of ladder.toml (minus `disabled` ids): its `blp`."""
    built = [rung for rung in read_ladder() if not rung.planned]
    served = set(without_disabled([rung.id for rung in built], disabled))
    concepts = []
    for rung in built:
        if rung.id not in served:
            continue
        package = f"flask_track.concepts.{rung.package}"
        blueprint = importlib.import_module(f"{package}.routes").blp
        if blueprint.name != rung.id:
            raise RuntimeError(f"{package}: blueprint name {blueprint.name!r} != {rung.id!r}")
        # The OpenAPI tag's description, from the one source of the concept's title.
        blueprint.description = f"{rung.id} {rung.title}"
        concepts.append(Concept(rung=rung, blueprint=blueprint, package=package))
    return concepts


def create_app(config: Config | Mapping[str, Any] | None = None) -> Flask:
    """Build the app: a Config object, a mapping of overrides, or None for APP_ENV's config."""
    with collector_paused():
        return build_app(config)


def build_app(config: Config | Mapping[str, Any] | None) -> Flask:
    """create_app()'s work: the app, its extensions, and every concept's blueprint."""
    # No /static route: the API has no Flask static folder (the client is served by core.client).
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    app.json = JsonProvider(app)
    settings = config if isinstance(config, Config) else config_for()
    settings.validate()
    if isinstance(config, Mapping):
        settings.override(config)  # p42 reports these as `override`
    app.config.from_object(settings)
    if isinstance(config, Mapping):
        app.config.update(config)
    # The settings object itself, with each setting's source (p42 shows it, masked).
    app.extensions[SETTINGS_EXTENSION] = settings
    app.config["API_VERSION"] = __version__

    configure_logging()
    # Order matters: request id and timing hooks first, so every later hook and handler
    # (CORS, error pages) already has an id and the clock is running.
    init_middleware(app)
    init_problems(app)
    init_database(app)
    db.init_app(app)
    redis_client.init_app(app)
    rate_limit_storage.init_app(app)
    init_cache(app)
    sock.init_app(app)
    # Migrations ship inside the package, so `flask db upgrade` works from any directory.
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    if app.config["CORS_ORIGINS"]:
        init_cors(
            app,
            cors,
            origins=app.config["CORS_ORIGINS"],
            expose_headers=EXPOSED_HEADERS,
            supports_credentials=False,
            always_send=False,  # no CORS headers on requests that did not ask (no Origin)
            max_age=600,
        )
    init_openapi(app, api)
    # After the Api (its spec gets the bearer scheme), before the concepts that use it.
    init_auth(app)

    api.register_blueprint(app_routes)
    ladder = load_concepts(app.config.get("DISABLED_CONCEPTS", ()))
    app.extensions["ladder"] = ladder
    for concept in ladder:
        api.register_blueprint(concept.blueprint, url_prefix=concept.url_prefix)
    # After the concepts are imported: every task they registered is bound to the app's Huey.
    queue.init_app(app)
    mailer.init_app(app)
    init_outbox(app)

    init_client(app)
    app.cli.add_command(ladder_cli)
    return app
