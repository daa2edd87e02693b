"""Flask extensions, created unbound here and bound to an app in create_app()."""

from __future__ import annotations

from flask_cors import CORS
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

from flask_track.core.openapi import Api


class Base(DeclarativeBase):
    """Declarative base of every ORM model (typed `Mapped[...]` columns)."""


api = Api()
db = SQLAlchemy(model_class=Base)
migrate = Migrate()
cors = CORS()
