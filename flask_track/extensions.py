"""Flask extensions, created unbound here and bound to an app in create_app()."""

from __future__ import annotations

from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

from flask_track.core.openapi import Api
from flask_track.shared.mailer import Mailer
from flask_track.shared.passwords import Passwords
from flask_track.shared.queue import Queue
from flask_track.shared.redis_handle import RedisHandle


class Base(DeclarativeBase):
    """Declarative base of every ORM model (typed `Mapped[...]` columns)."""


api = Api()
db = SQLAlchemy(model_class=Base)
migrate = Migrate()
cors = CORS()
# Level 3: JWTs (loaders in shared/jwt_loaders.py, settings in shared/auth.py) and the rate
# limiter's storage (memory:// per process, or Redis when REDIS_URL is set); no limit applies
# unless a route asks.
jwt = JWTManager()
limiter = Limiter(get_remote_address)
# The project's own service handles, same pattern (`init_app` in create_app): the argon2id
# hasher and the Redis client (None without REDIS_URL).
passwords = Passwords()
redis_client = RedisHandle()
# Level 4 background work: the job queue (Huey: Redis with REDIS_URL, else SQLite; tasks are
# registered by name at import and bound in init_app, see shared/queue.py) and the SMTP sender
# the worker delivers the outbox with (Flask-Mail).
queue = Queue()
mailer = Mailer()
