"""Flask-Migrate, bound on first use: alembic stays off the serving path.

Importing flask_migrate imports alembic (~0.1 s and ~11 MiB per process, issue 11), yet a
gunicorn worker never migrates: `python -m flask_track.serve` upgrades once before it starts
gunicorn, and `flask db ...` is a command line of its own. `LazyMigrate.init_app` therefore
records the settings and puts two stand-ins where Flask-Migrate puts its own:

- `app.extensions["migrate"]`: the first attribute read (by `flask_migrate.upgrade()`, its
  commands, migrations/env.py) imports flask_migrate and binds a real `Migrate`, which
  replaces the stand-in; the reader gets the real configuration's attribute.
- the `flask db` command group: Flask-Migrate's own commands, imported when the command
  line asks for one.
"""

from __future__ import annotations

import threading
from typing import Any

import click
from flask import Flask

COMMAND = "db"


class _PendingMigrateConfig:
    """Stands in for Flask-Migrate's `app.extensions["migrate"]` until it is first read."""

    def __init__(self, app: Flask, db: Any, directory: str) -> None:
        self._app = app
        self._db = db
        self._directory = directory
        self._lock = threading.Lock()
        self._real: Any = None

    def _bind(self) -> Any:
        with self._lock:
            if self._real is None:
                from flask_migrate import Migrate  # imported here: the point of this module

                Migrate().init_app(self._app, self._db, directory=self._directory)
                self._real = self._app.extensions["migrate"]
        return self._real

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes this stand-in lacks: every one of Flask-Migrate's.
        return getattr(self._bind(), name)


class _MigrationCommands(click.Group):
    """`flask db`: Flask-Migrate's command group, imported when a subcommand is looked up."""

    @staticmethod
    def _group() -> click.Group:
        from flask_migrate.cli import db  # only the command line needs it

        group: click.Group = db
        return group

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Take on Flask-Migrate's group options (`--directory`, `-x`) and callback, then parse."""
        group = self._group()
        self.params = group.params
        self.callback = group.callback
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Flask-Migrate's subcommands."""
        return self._group().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """One of Flask-Migrate's subcommands."""
        return self._group().get_command(ctx, cmd_name)


class LazyMigrate:
    """The app's migrations (Flask extension pattern): Flask-Migrate, imported on first use."""

    def init_app(self, app: Flask, db: Any, *, directory: str) -> None:
        """Record where the migrations are; bind Flask-Migrate when something reads them."""
        app.extensions["migrate"] = _PendingMigrateConfig(app, db, directory)
        app.cli.add_command(_MigrationCommands(COMMAND, help="Perform database migrations."))
